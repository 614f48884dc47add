/// Process: one application's state, as the kernel keeps it.
#ifndef KERNEL_PROCESS_PROCESS_H
#define KERNEL_PROCESS_PROCESS_H

#include "kernel/process/process_id.h"
#include "kernel/process/process_memory.h"
#include "kernel/process/upcall.h"
#include "kernel/process/userspace_boundary.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/map_cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kernel::process {

/// Where a process is in its life (Tock's `State`).
enum class ProcessState : std::uint8_t {
  /// The slot holds no process.
  unused,
  /// Ready to run, or running.
  runnable,
  /// Waiting in `yield` for an upcall.
  yielded,
  /// Stopped by the process console while runnable.
  stopped_runnable,
  /// Stopped by the process console while yielded.
  stopped_yielded,
  /// Killed by a fault; its memory is kept for inspection.
  faulted,
  /// Ended (exit, or killed from the console).
  terminated,
};

/// The state's name, for the process console and fault reports.
[[nodiscard]] constexpr const char *name(ProcessState state) {
  switch (state) {
  case ProcessState::unused:
    return "unused";
  case ProcessState::runnable:
    return "running";
  case ProcessState::yielded:
    return "yielded";
  case ProcessState::stopped_runnable:
  case ProcessState::stopped_yielded:
    return "stopped";
  case ProcessState::faulted:
    return "faulted";
  case ProcessState::terminated:
    return "terminated";
  }
  return "unknown";
}

/// A buffer a process shares with a driver.
struct Allow {
  /// The driver and its allow number (the same pair as an upcall's slot).
  UpcallSlot slot;
  /// Whether the driver may write it.
  bool read_write = false;
  /// Its address in the process's memory.
  std::uint32_t address = 0;
  /// Its length (0: none).
  std::uint32_t length = 0;
};

/// How many subscriptions, allows and grants a process may hold at once.
inline constexpr std::size_t max_subscriptions = 8;
/// See `max_subscriptions`.
inline constexpr std::size_t max_allows = 8;
/// See `max_subscriptions`.
inline constexpr std::size_t max_grants = 8;

/// A process: its memory, its registers while it does not run, its state,
/// what it subscribed and allowed, its due upcalls and its grants. A
/// component in the process table; `Processes` drives it.
class LEASH_COMPONENT Process {
public:
  /// An unused slot.
  constexpr Process() = default;

  /// Its id (index and run).
  [[nodiscard]] ProcessId id() const { return id_.get(); }
  /// Its name, from its image.
  [[nodiscard]] std::string_view name() const { return name_.get(); }
  /// Its state.
  [[nodiscard]] ProcessState state() const { return state_.get(); }
  /// Its memory.
  [[nodiscard]] ProcessMemory memory() const { return memory_.get(); }
  /// The end of the memory it may use.
  [[nodiscard]] std::uint32_t app_break() const { return app_break_.get(); }
  /// The start of the grant region (the kernel's part of its RAM).
  [[nodiscard]] std::uint32_t kernel_break() const {
    return kernel_break_.get();
  }
  /// How many times it was restarted after a fault or its own request.
  [[nodiscard]] std::uint32_t restart_count() const {
    return restart_count_.get();
  }
  /// The fault that ended it last, if any.
  [[nodiscard]] std::optional<FaultRecord> last_fault() const {
    return last_fault_.get();
  }
  /// Its registers while it does not run (the exception frame is at their
  /// stack pointer).
  [[nodiscard]] StoredRegisters registers() const {
    return {.callee_saved = callee_saved_.get(),
            .stack_pointer = stack_pointer_.get()};
  }
  /// Its stack pointer while it does not run (where its exception frame
  /// is).
  [[nodiscard]] std::uint32_t stack_pointer() const {
    return stack_pointer_.get();
  }
  /// The exit code it gave, if it exited.
  [[nodiscard]] std::optional<std::uint32_t> exit_code() const {
    return exit_code_.get();
  }

private:
  friend class Processes;

  /// The slot and run.
  leash::Cell<ProcessId> id_;
  /// The name (a view into its flash image).
  leash::Cell<std::string_view> name_;
  /// The state.
  leash::Cell<ProcessState> state_{ProcessState::unused};
  /// Its flash and RAM.
  leash::Cell<ProcessMemory> memory_;
  /// The entry point (Thumb address).
  leash::Cell<std::uint32_t> entry_;
  /// The RAM its image asks for at start.
  leash::Cell<std::uint32_t> minimum_ram_;
  /// The end of its accessible memory.
  leash::Cell<std::uint32_t> app_break_;
  /// The start of its grant region.
  leash::Cell<std::uint32_t> kernel_break_;
  /// Its r4..r11 while it does not run. Apart from the stack pointer: a
  /// run of system calls keeps them in the scheduler and stores them once,
  /// while every call needs the stack pointer (its frame).
  leash::Cell<std::array<std::uint32_t, 8>> callee_saved_;
  /// Its stack pointer while it does not run.
  leash::Cell<std::uint32_t> stack_pointer_;
  /// Its due upcalls.
  leash::MapCell<UpcallQueue> upcalls_{UpcallQueue{}};
  /// What it subscribed. One cell each, not one cell of the array: a
  /// search reads the entries in place, where a copy of the array would be
  /// written at every upcall and every allow (`Processes::forget_sharing`
  /// empties them).
  std::array<leash::Cell<Subscription>, max_subscriptions> subscriptions_;
  /// What it allowed (one cell each, as `subscriptions_`).
  std::array<leash::Cell<Allow>, max_allows> allows_;
  /// Each grant's offset in its RAM block (0: not allocated yet).
  std::array<leash::Cell<std::uint32_t>, max_grants> grant_offsets_;
  /// The grants being entered (bit n: grant n), to refuse a nested entry.
  leash::Cell<std::uint32_t> entered_grants_;
  /// Restarts so far.
  leash::Cell<std::uint32_t> restart_count_;
  /// The last fault.
  leash::OptionalCell<FaultRecord> last_fault_;
  /// The exit code.
  leash::OptionalCell<std::uint32_t> exit_code_;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_PROCESS_H
