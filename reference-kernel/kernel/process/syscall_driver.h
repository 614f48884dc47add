/// SyscallDriver: a capsule that processes reach through system calls.
#ifndef KERNEL_PROCESS_SYSCALL_DRIVER_H
#define KERNEL_PROCESS_SYSCALL_DRIVER_H

#include "kernel/process/process_id.h"
#include "kernel/process/syscall.h"

#include <leash/annotations.h>

#include <cstdint>

namespace kernel::process {

/// A capsule's system call interface (Tock's `SyscallDriver`). The kernel
/// itself keeps what processes subscribe and allow, so a driver only answers
/// commands; it reads allowed buffers and schedules upcalls through
/// `Processes`. Command 0 of every driver answers success: processes use it
/// to ask whether a driver exists.
class LEASH_COMPONENT SyscallDriver {
public:
  /// Command `number` with two arguments from `process`.
  [[nodiscard]] virtual SyscallReturn command(std::uint32_t number,
                                              std::uint32_t argument1,
                                              std::uint32_t argument2,
                                              ProcessId process) const = 0;

protected:
  /// Drivers are never destroyed through this interface.
  ~SyscallDriver() = default;
};

/// The board's table of drivers by number (Tock's `SyscallDriverLookup`).
class LEASH_COMPONENT SyscallDriverLookup {
public:
  /// The driver of `number`, or none.
  [[nodiscard]] virtual const SyscallDriver *
  driver(std::uint32_t number) const = 0;

protected:
  /// Lookups are never destroyed through this interface.
  ~SyscallDriverLookup() = default;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_SYSCALL_DRIVER_H
