/// DriverTable: the board's system call drivers, by number.
#ifndef CAPSULES_PROCESS_DRIVER_TABLE_H
#define CAPSULES_PROCESS_DRIVER_TABLE_H

#include "kernel/process/syscall_driver.h"

#include <leash/annotations.h>

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::process {

/// One row of a DriverTable.
using DriverEntry = kernel::process::DriverEntry;

/// A fixed table of `N` drivers that owns its rows: the board's
/// `SyscallDriverLookup`.
template <std::size_t N>
class LEASH_COMPONENT DriverTable final
    : public kernel::process::SyscallDriverLookup {
public:
  /// A table of `entries`. The drivers may be constructed later than the
  /// table (the table only keeps their addresses), which is what lets a
  /// board build the table, then `Processes` on it, then the drivers on
  /// `Processes`.
  explicit constexpr DriverTable(const std::array<DriverEntry, N> &entries)
      // The base keeps a view of `entries_`, which is constructed next: a
      // span only takes its address.
      : SyscallDriverLookup(entries_), entries_(entries) {}

private:
  /// The rows.
  const std::array<DriverEntry, N> entries_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_DRIVER_TABLE_H
