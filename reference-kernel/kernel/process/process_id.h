/// ProcessId: which process, and which run of it.
#ifndef KERNEL_PROCESS_PROCESS_ID_H
#define KERNEL_PROCESS_PROCESS_ID_H

#include <cstddef>
#include <cstdint>

namespace kernel::process {

/// How many processes the process table holds: every slot index is below.
inline constexpr std::size_t max_processes = 8;

/// A process as capsules name it (Tock's `ProcessId`): its slot in the
/// process table and the number of the run the slot holds. A restart or a
/// new process in the slot gets a new run number, so an id kept by a capsule
/// from an earlier run no longer reaches the slot.
struct ProcessId {
  /// The slot in the process table.
  std::uint16_t index = 0;
  /// Which run of the slot (counts up from 1 at each start).
  std::uint16_t run = 0;

  /// Whether both name the same run of the same slot.
  friend constexpr bool operator==(ProcessId, ProcessId) = default;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_PROCESS_ID_H
