/// Console output and input for apps, through the console driver (0x1).
#ifndef APPS_LIBUSER_CONSOLE_H
#define APPS_LIBUSER_CONSOLE_H

#include <cstdint>
#include <string_view>

namespace user::console {

/// The console driver's number.
inline constexpr std::uint32_t driver = 0x1;

/// Writes `text` and waits until it is sent; false when the driver refused.
bool write(std::string_view text);
/// Writes `text` and a newline, in one write (at most 95 characters).
bool write_line(std::string_view text);
/// Writes `value` in decimal.
bool write_number(std::uint32_t value);

/// What a read got: whether it ended well, and how many bytes arrived.
struct ReadResult {
  /// 0, or TRD104's error number (the driver's refusal, or its upcall's
  /// status: 8, CANCEL, after an abort).
  std::uint32_t status = 0;
  /// How many bytes are in the buffer.
  std::uint32_t count = 0;

  /// Whether the read ended well.
  [[nodiscard]] bool ok() const { return status == 0; }
};

/// Reads `length` bytes into `buffer` (at least `length` long) and waits
/// until they have arrived (command 2 into read-write allow 1, upcall 2).
ReadResult read(char *buffer, std::uint32_t length);

/// A line put together in a fixed buffer and written with one system call,
/// so that it does not interleave with other processes' output (each write
/// reaches the UART whole).
class Line {
public:
  /// Appends `text` (what does not fit is dropped).
  Line &operator<<(std::string_view text);
  /// Appends `value` in decimal.
  Line &operator<<(std::uint32_t value);
  /// Writes the line and a newline; false when the driver refused.
  bool write();

private:
  /// The text so far.
  char text_[96] = {};
  /// How much of it is used.
  std::uint32_t length_ = 0;
};

} // namespace user::console

#endif // APPS_LIBUSER_CONSOLE_H
