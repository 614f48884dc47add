/// ErrorCode and Result: how kernel operations report success or failure.
#ifndef KERNEL_RESULT_H
#define KERNEL_RESULT_H

#include <cstdint>

namespace kernel {

/// Why an operation failed (Tock's `ErrorCode`).
enum class ErrorCode : std::uint8_t {
  /// A failure with no more specific code.
  fail = 1,
  /// The device is busy with an earlier request; try again after its
  /// callback.
  busy,
  /// The requested state is already the current one.
  already,
  /// The device is off or not configured.
  off,
  /// An argument is invalid.
  invalid,
  /// A length or a size is out of range.
  size,
  /// The operation was cancelled (aborted) before it finished.
  cancel,
  /// Memory ran out (a process's grant region, its break).
  no_memory,
  /// The operation is not supported (a system call driver's unknown
  /// command).
  no_support,
  /// No such device (a system call to a driver number nobody serves).
  no_device,
};

/// The code's name as Tock spells it (`BUSY`, `SIZE`), for messages.
[[nodiscard]] constexpr const char *name(ErrorCode error) {
  switch (error) {
  case ErrorCode::fail:
    return "FAIL";
  case ErrorCode::busy:
    return "BUSY";
  case ErrorCode::already:
    return "ALREADY";
  case ErrorCode::off:
    return "OFF";
  case ErrorCode::invalid:
    return "INVAL";
  case ErrorCode::size:
    return "SIZE";
  case ErrorCode::cancel:
    return "CANCEL";
  case ErrorCode::no_memory:
    return "NOMEM";
  case ErrorCode::no_support:
    return "NOSUPPORT";
  case ErrorCode::no_device:
    return "NODEVICE";
  }
  return "unknown error";
}

/// Success, or failure with an ErrorCode (Tock's `Result<(), ErrorCode>`).
/// `[[nodiscard]]`: every caller decides what a failure means to it.
class [[nodiscard]] Result {
public:
  /// Success.
  [[nodiscard]] static constexpr Result ok() { return Result(); }
  /// Failure because of `error`.
  [[nodiscard]] static constexpr Result failure(ErrorCode error) {
    return Result(error);
  }

  /// Whether the operation succeeded.
  [[nodiscard]] constexpr bool is_ok() const { return error_ == no_error; }

  /// Why the operation failed; meaningless when `is_ok()`.
  [[nodiscard]] constexpr ErrorCode error() const {
    return static_cast<ErrorCode>(error_);
  }

  /// Whether both say the same.
  friend constexpr bool operator==(Result, Result) = default;

private:
  /// The stored value for success; no ErrorCode has it.
  static constexpr std::uint8_t no_error = 0;

  constexpr Result() = default;
  constexpr explicit Result(ErrorCode error)
      : error_(static_cast<std::uint8_t>(error)) {}

  std::uint8_t error_ = no_error;
};

} // namespace kernel

#endif // KERNEL_RESULT_H
