/// MarkedProcesses: the processes a driver keeps track of, one place a slot.
#ifndef CAPSULES_PROCESS_MARKED_PROCESSES_H
#define CAPSULES_PROCESS_MARKED_PROCESSES_H

#include "kernel/process/process_id.h"

#include <leash/cell.h>

#include <array>
#include <cstddef>
#include <optional>

namespace capsules::process {

/// The processes a driver marked (those with an alarm armed, those waiting
/// to write), one place per slot of the process table. A mark names the
/// process's run, so a process that ended loses its mark to the next run of
/// its slot. One cell a slot, not one cell of an array: a mark writes one
/// word, not a copy of the whole table.
class MarkedProcesses {
public:
  /// Marks `process` (replacing an earlier run of its slot).
  void mark(kernel::process::ProcessId process) const {
    if (process.index < slots_.size()) {
      slots_[process.index].set(process);
    }
  }

  /// Unmarks `process`; another run of its slot keeps its mark.
  void unmark(kernel::process::ProcessId process) const {
    if (process.index < slots_.size() &&
        slots_[process.index].get() == process) {
      slots_[process.index].set(kernel::process::ProcessId{});
    }
  }

  /// The process marked in `slot`, if any.
  [[nodiscard]] std::optional<kernel::process::ProcessId>
  at(std::size_t slot) const {
    if (slot >= slots_.size() || slots_[slot].get().run == 0) {
      return std::nullopt;
    }
    return slots_[slot].get();
  }

  /// Runs `visit(process)` for each marked process, in slot order. `visit`
  /// may mark and unmark: each slot is read when its turn comes.
  template <typename Visit> void for_each(Visit &&visit) const {
    for (const leash::Cell<kernel::process::ProcessId> &slot : slots_) {
      if (const kernel::process::ProcessId process = slot.get();
          process.run != 0) {
        visit(process);
      }
    }
  }

  /// How many slots there are: one per slot of the process table.
  static constexpr std::size_t slot_count = kernel::process::max_processes;

private:
  /// Each slot's marked run (a run number of 0: none).
  std::array<leash::Cell<kernel::process::ProcessId>, slot_count> slots_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_MARKED_PROCESSES_H
