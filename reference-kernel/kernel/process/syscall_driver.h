/// SyscallDriver: a capsule that processes reach through system calls.
#ifndef KERNEL_PROCESS_SYSCALL_DRIVER_H
#define KERNEL_PROCESS_SYSCALL_DRIVER_H

#include "kernel/process/process_id.h"
#include "kernel/process/syscall.h"

#include <leash/annotations.h>

#include <cstdint>
#include <span>

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

/// One row of the board's driver table: a driver number and the driver
/// serving it.
struct DriverEntry {
  /// The number processes name in subscribe, command and allow.
  std::uint32_t number = 0;
  /// The driver (a component in static storage).
  const SyscallDriver *driver = nullptr;
};

/// The board's drivers by number (Tock's `SyscallDriverLookup`, which its
/// boards write as a `match` on the number), over rows the board owns. Each
/// number appears in one row. Tock numbers its core drivers from 0 (alarm
/// 0, console 1, LEDs 2, buttons 3, ...): a row whose index is its number
/// is found in one step; any other row by a linear search (a board has a
/// handful of drivers, and a table with no hashing or sorting has nothing
/// to get wrong). Not virtual: every command, subscribe and allow looks its
/// driver up.
class LEASH_COMPONENT SyscallDriverLookup {
public:
  /// A lookup over `rows`, which must outlive it (the board's static
  /// table). The drivers may be constructed after the rows: only their
  /// addresses are kept.
  constexpr explicit SyscallDriverLookup(std::span<const DriverEntry> rows)
      : rows_(rows) {}
  /// A lookup is a view of its rows, not a place to copy.
  SyscallDriverLookup(const SyscallDriverLookup &) = delete;
  /// See the copy constructor.
  SyscallDriverLookup &operator=(const SyscallDriverLookup &) = delete;

  /// The driver of `number`, or none.
  [[nodiscard]] constexpr const SyscallDriver *
  driver(std::uint32_t number) const {
    if (number < rows_.size() && rows_[number].number == number) {
      return rows_[number].driver;
    }
    for (const DriverEntry &row : rows_) {
      if (row.number == number) {
        return row.driver;
      }
    }
    return nullptr;
  }

private:
  /// The rows.
  const std::span<const DriverEntry> rows_;
};

/// A lookup that finds no driver: the process table's until the board sets
/// its own.
inline constexpr SyscallDriverLookup no_drivers{std::span<const DriverEntry>{}};

} // namespace kernel::process

#endif // KERNEL_PROCESS_SYSCALL_DRIVER_H
