/// The system call interface: classes, arguments and return values, as
/// Tock's TRD104 defines them for Cortex-M.
#ifndef KERNEL_PROCESS_SYSCALL_H
#define KERNEL_PROCESS_SYSCALL_H

#include "kernel/result.h"

#include <array>
#include <cstdint>
#include <optional>

namespace kernel::process {

/// A system call's class: the `svc` instruction's immediate (TRD104 table
/// 1).
enum class SyscallClass : std::uint8_t {
  /// Give the processor away; with "wait", until an upcall is due.
  yield = 0,
  /// Register (or clear) the function a driver's upcall calls.
  subscribe = 1,
  /// Ask a driver to do something.
  command = 2,
  /// Share a buffer the kernel may read and write.
  read_write_allow = 3,
  /// Share a buffer the kernel may only read.
  read_only_allow = 4,
  /// Memory operations: the break, and where the process's memory lies.
  memop = 5,
  /// Terminate or restart.
  exit = 6,
};

/// The `svc` immediate of `syscall`.
[[nodiscard]] constexpr std::uint32_t immediate(SyscallClass syscall) {
  return static_cast<std::uint32_t>(syscall);
}

/// Yield's kinds, in r0.
enum class YieldKind : std::uint32_t {
  /// Run one due upcall if there is one, and return at once.
  no_wait = 0,
  /// Sleep until an upcall is due, and run it.
  wait = 1,
};

/// Exit's kinds, in r0: end the process with the exit code in r1.
inline constexpr std::uint32_t exit_terminate = 0;
/// See `exit_terminate`: start the process again from its entry.
inline constexpr std::uint32_t exit_restart = 1;

/// Memop's operations, in r0 (TRD104 section 4.6).
enum class MemopOperation : std::uint32_t {
  /// Set the break to the address in r1.
  brk = 0,
  /// Move the break by the signed amount in r1; returns the old break.
  sbrk = 1,
  /// The start of the process's RAM.
  memory_start = 2,
  /// The end of the memory the process may use (its break).
  memory_end = 3,
  /// The start of the process's flash image.
  flash_start = 4,
  /// The end of its flash image.
  flash_end = 5,
  /// Where the grant region (the kernel's part of its RAM) starts.
  grant_start = 6,
};

/// The variant of a system call's return, in r0 (TRD104 section 3.2).
enum class ReturnVariant : std::uint32_t {
  failure = 0,
  failure_u32 = 1,
  failure_u32_u32 = 2,
  success = 128,
  success_u32 = 129,
  success_u32_u32 = 130,
  success_u32_u32_u32 = 132,
};

/// The number TRD104 gives `error` (its ErrorCode list, which numbers
/// RESERVE 5 where the kernel's own enumeration has no such code).
[[nodiscard]] constexpr std::uint32_t abi_error_code(ErrorCode error) {
  switch (error) {
  case ErrorCode::fail:
    return 1;
  case ErrorCode::busy:
    return 2;
  case ErrorCode::already:
    return 3;
  case ErrorCode::off:
    return 4;
  case ErrorCode::invalid:
    return 6;
  case ErrorCode::size:
    return 7;
  case ErrorCode::cancel:
    return 8;
  case ErrorCode::no_memory:
    return 9;
  case ErrorCode::no_support:
    return 10;
  case ErrorCode::no_device:
    return 11;
  }
  return 1;
}

/// What a system call returns: a variant and up to three values, which
/// become r0..r3.
struct SyscallReturn {
  /// The variant.
  ReturnVariant variant = ReturnVariant::success;
  /// r1..r3 (for a failure, r1 is the error code).
  std::array<std::uint32_t, 3> values{};

  /// Success with no value.
  static constexpr SyscallReturn success() { return {}; }
  /// Success with one value.
  static constexpr SyscallReturn success_u32(std::uint32_t value) {
    return {ReturnVariant::success_u32, {value, 0, 0}};
  }
  /// Success with two values.
  static constexpr SyscallReturn success_u32_u32(std::uint32_t first,
                                                 std::uint32_t second) {
    return {ReturnVariant::success_u32_u32, {first, second, 0}};
  }
  /// Failure with `error`.
  static constexpr SyscallReturn failure(ErrorCode error) {
    return {ReturnVariant::failure, {abi_error_code(error), 0, 0}};
  }
  /// Failure with `error` and two values (subscribe's and allow's: what the
  /// process passed, handed back).
  static constexpr SyscallReturn
  failure_u32_u32(ErrorCode error, std::uint32_t first, std::uint32_t second) {
    return {ReturnVariant::failure_u32_u32,
            {abi_error_code(error), first, second}};
  }
  /// The result of `result`: success, or failure with its code.
  static constexpr SyscallReturn from(Result result) {
    return result.is_ok() ? success() : failure(result.error());
  }

  /// r0..r3.
  [[nodiscard]] constexpr std::array<std::uint32_t, 4> registers() const {
    return {static_cast<std::uint32_t>(variant), values[0], values[1],
            values[2]};
  }
  /// Whether it is a success variant.
  [[nodiscard]] constexpr bool is_success() const {
    return static_cast<std::uint32_t>(variant) >= 128;
  }

  /// Whether both say the same.
  friend constexpr bool operator==(const SyscallReturn &,
                                   const SyscallReturn &) = default;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_SYSCALL_H
