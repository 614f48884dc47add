/// Console output for apps, through the console driver (0x1).
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
