/// DriverTable: the board's system call drivers, by number.
#ifndef CAPSULES_PROCESS_DRIVER_TABLE_H
#define CAPSULES_PROCESS_DRIVER_TABLE_H

#include "kernel/process/syscall_driver.h"

#include <leash/annotations.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::process {

/// One row of a DriverTable: a driver number and the driver serving it.
struct DriverEntry {
  /// The number processes name in subscribe, command and allow.
  std::uint32_t number = 0;
  /// The driver (a component in static storage).
  const kernel::process::SyscallDriver *driver = nullptr;
};

/// A fixed table of `N` drivers (the `SyscallDriverLookup` that Tock's
/// boards write as a `match` on the driver number). A linear search: a
/// board has a handful of drivers, and a table with no hashing or sorting
/// has nothing to get wrong. A number that appears twice finds its first
/// row.
template <std::size_t N>
class LEASH_COMPONENT DriverTable final
    : public kernel::process::SyscallDriverLookup {
public:
  /// A table of `entries`. The drivers may be constructed later than the
  /// table (the table only keeps their addresses), which is what lets a
  /// board build the table, then `Processes` on it, then the drivers on
  /// `Processes`.
  explicit constexpr DriverTable(const std::array<DriverEntry, N> &entries)
      : entries_(entries) {}

  /// The driver of `number`, or none.
  [[nodiscard]] const kernel::process::SyscallDriver *
  driver(std::uint32_t number) const override {
    for (const DriverEntry &entry : entries_) {
      if (entry.number == number) {
        return entry.driver;
      }
    }
    return nullptr;
  }

private:
  /// The rows.
  const std::array<DriverEntry, N> entries_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_DRIVER_TABLE_H
