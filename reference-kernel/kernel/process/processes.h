/// Processes: the process table, the scheduler and the system calls.
#ifndef KERNEL_PROCESS_PROCESSES_H
#define KERNEL_PROCESS_PROCESSES_H

#include "kernel/chip.h"
#include "kernel/process/process.h"
#include "kernel/process/process_buffer.h"
#include "kernel/process/syscall.h"
#include "kernel/process/syscall_driver.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace kernel::process {

/// How the kernel treats processes: the time slice, and what a fault does.
struct ProcessPolicy {
  /// How long a process runs before another gets the processor.
  std::uint32_t timeslice_microseconds = 10'000;
  /// How many times a faulted process is restarted before it stays dead
  /// (Tock's `ThresholdRestart`); 0: never.
  std::uint32_t restarts_after_fault = 0;
};

/// What the process console shows of a process.
struct ProcessInfo {
  /// Its id.
  ProcessId id;
  /// Its name.
  std::string_view name;
  /// Its state.
  ProcessState state = ProcessState::unused;
  /// Its restarts.
  std::uint32_t restart_count = 0;
  /// Its memory.
  ProcessMemory memory;
  /// Its break.
  std::uint32_t app_break = 0;
  /// Its grant region's start.
  std::uint32_t kernel_break = 0;
  /// Its last fault.
  std::optional<FaultRecord> last_fault;
};

/// The process table (Tock's `Kernel` process array with its scheduler and
/// syscall dispatch): loads processes, runs them round robin in time slices
/// between the kernel loop's work, answers their system calls, delivers
/// their upcalls when they yield, gives drivers bounded views of allowed
/// buffers, and keeps per-process grants.
class LEASH_COMPONENT Processes {
public:
  /// How many processes the table holds.
  static constexpr std::size_t capacity = max_processes;

  /// The table, switching through `boundary`, confining processes with
  /// `protection`, following `policy`. It has no drivers until
  /// `set_drivers`.
  Processes(const UserspaceBoundary &boundary,
            const MemoryProtection &protection, ProcessPolicy policy)
      : boundary_(boundary), protection_(protection), policy_(policy) {}

  /// Finds drivers in `drivers` from now on (as Tock's board hands its
  /// driver lookup to the kernel loop: the drivers need the process table,
  /// so they are made after it).
  void set_drivers(const SyscallDriverLookup &drivers) const {
    drivers_.set(&drivers);
  }

  // Loading and control.

  /// Puts a process in a free slot and starts it: `memory` is its flash
  /// image and RAM block, `entry` its first instruction, `minimum_ram` the
  /// RAM it needs at start. `ErrorCode::no_memory` when the table is full
  /// or the RAM block cannot hold `minimum_ram`.
  Result load(std::string_view name, const ProcessMemory &memory,
              std::uint32_t entry, std::uint32_t minimum_ram) const;
  /// What the console shows of slot `index` (nothing for an unused slot).
  [[nodiscard]] std::optional<ProcessInfo> info(std::size_t index) const;
  /// The slot of the process named `name`.
  [[nodiscard]] std::optional<std::size_t> find(std::string_view name) const;
  /// Stops slot `index`'s process (it keeps its state); `already` when
  /// stopped, `off` when not running or yielded.
  Result stop(std::size_t index) const;
  /// Lets a stopped process run again.
  Result resume(std::size_t index) const;
  /// Ends slot `index`'s process, as if it had exited.
  Result kill(std::size_t index) const;
  /// Restarts slot `index`'s process from its entry, with a new run number.
  Result restart(std::size_t index) const;

  // Scheduling.

  /// Runs the next process that can run (round robin) until it yields, its
  /// slice ends, or the kernel has work; false when none can run.
  bool run_next(const Chip &chip) const;

  // What drivers use.

  /// Queues an upcall for `process` on `slot`'s subscription with
  /// `arguments`; `ErrorCode::invalid` when the process is gone,
  /// `ErrorCode::off` when it subscribed nothing there (the upcall is
  /// dropped, as TRD104 says of the null upcall), `ErrorCode::busy` when its
  /// queue is full.
  Result schedule_upcall(ProcessId process, UpcallSlot slot,
                         const std::array<std::uint32_t, 3> &arguments) const;
  /// Calls `use` with a view of the buffer `process` allowed read-only at
  /// `slot` (an empty view when it allowed nothing there);
  /// `ErrorCode::invalid` when the process is gone (then `use` is not
  /// called). The view lives only during the call.
  template <typename Use>
  Result with_read_only_allow(ProcessId process, UpcallSlot slot,
                              Use &&use) const {
    const auto bytes = read_only_bytes(process, slot);
    if (!bytes) {
      return Result::failure(ErrorCode::invalid);
    }
    const ReadOnlyProcessBuffer view{*bytes};
    use(view);
    return Result::ok();
  }
  /// Like `with_read_only_allow`, for a read-write allow.
  template <typename Use>
  Result with_read_write_allow(ProcessId process, UpcallSlot slot,
                               Use &&use) const {
    const auto bytes = read_write_bytes(process, slot);
    if (!bytes) {
      return Result::failure(ErrorCode::invalid);
    }
    const ReadWriteProcessBuffer view{*bytes};
    use(view);
    return Result::ok();
  }
  /// Calls `use(storage, fresh)` with grant `number`'s `size` bytes
  /// (aligned to `alignment`) in `process`'s grant region, allocated and
  /// zeroed (`fresh`) on first use. `ErrorCode::invalid` for a process that
  /// is gone or a grant number out of range, `ErrorCode::already` for a
  /// nested entry of the same grant of the same process,
  /// `ErrorCode::no_memory` when the grant region cannot grow. `Grant<T>`
  /// wraps it with a type.
  template <typename Use>
  Result enter_grant(ProcessId process, std::size_t number, std::size_t size,
                     std::size_t alignment, Use &&use) const {
    bool fresh = false;
    std::span<std::uint8_t> storage;
    const Result entered =
        begin_grant(process, number, size, alignment, storage, fresh);
    if (!entered.is_ok()) {
      return entered;
    }
    use(storage, fresh);
    end_grant(process, number);
    return Result::ok();
  }

  // The system calls (public so that host tests can drive them).

  /// Handles the system call `entry` that `process` stopped at; its result
  /// goes into the process's saved r0..r3 (the frame at its stack pointer),
  /// and its state changes as the call says.
  void handle_syscall(const Process &process, const SyscallEntry &entry) const;

  /// The process in slot `index` (host tests look at it).
  [[nodiscard]] const Process &process(std::size_t index) const {
    return table_[index];
  }

private:
  /// The bytes `process` allowed read-only at `slot`, empty when none;
  /// nothing when the process is gone.
  [[nodiscard]] std::optional<std::span<const std::uint8_t>>
  read_only_bytes(ProcessId process, UpcallSlot slot) const;
  /// Like `read_only_bytes`, for a read-write allow.
  [[nodiscard]] std::optional<std::span<std::uint8_t>>
  read_write_bytes(ProcessId process, UpcallSlot slot) const;
  /// The live subscription of `process` at `slot`, or the end of its
  /// subscriptions.
  [[nodiscard]] static std::array<leash::Cell<Subscription>,
                                  max_subscriptions>::const_iterator
  subscription_of(const Process &process, UpcallSlot slot);
  /// Forgets every subscription, allow and grant of `process` (its start
  /// and its end).
  static void forget_sharing(const Process &process);
  /// The allow of `process` at `slot` of the kind `read_write`, if any.
  [[nodiscard]] static std::optional<Allow>
  find_allow(const Process &process, UpcallSlot slot, bool read_write);
  /// Finds or allocates grant `number` of `process` and marks it entered.
  Result begin_grant(ProcessId process, std::size_t number, std::size_t size,
                     std::size_t alignment, std::span<std::uint8_t> &storage,
                     bool &fresh) const;
  /// Marks grant `number` of `process` no longer entered.
  void end_grant(ProcessId process, std::size_t number) const;
  /// The driver of `number`, if any.
  [[nodiscard]] const SyscallDriver *driver(std::uint32_t number) const {
    return drivers_.get()->driver(number);
  }
  /// The process `id` names, if it still runs or waits.
  [[nodiscard]] const Process *live(ProcessId id) const;
  /// Starts `process` from its entry with fresh tables.
  Result start(const Process &process) const;
  /// Ends `process` (exit, kill, fault): forgets its tables and grants.
  void end(const Process &process, ProcessState state) const;
  /// Runs `process` for one time slice.
  void run(const Process &process, const Chip &chip) const;
  /// Makes the oldest due upcall the next thing `process` runs: its saved
  /// exception frame becomes a call of the upcall that returns to after
  /// the `yield`. False (and the process faulted) when its stack is not in
  /// its memory.
  bool deliver_upcall(const Process &process) const;
  /// Reports `process`'s fault and applies the policy.
  void handle_fault(const Process &process, const FaultRecord &fault) const;
  /// Kills `process` for breaking the rules (a bad stack pointer) with
  /// `why` in the report.
  void kill_for(const Process &process, const char *why) const;

  // The system call classes (syscalls.cpp).
  /// Yield returns nothing: a process that waits runs next in an upcall's
  /// frame, and one that does not learns from its flag byte whether an
  /// upcall ran.
  void yield(const Process &process, std::uint32_t kind,
             std::uint32_t flag_address) const;
  [[nodiscard]] SyscallReturn
  subscribe(const Process &process,
            const std::array<std::uint32_t, 4> &arguments) const;
  [[nodiscard]] SyscallReturn
  command(const Process &process,
          const std::array<std::uint32_t, 4> &arguments) const;
  [[nodiscard]] SyscallReturn
  allow(const Process &process, bool read_write,
        const std::array<std::uint32_t, 4> &arguments) const;
  [[nodiscard]] SyscallReturn memop(const Process &process,
                                    std::uint32_t operation,
                                    std::uint32_t argument) const;
  [[nodiscard]] SyscallReturn exit(const Process &process, std::uint32_t kind,
                                   std::uint32_t code) const;
  /// Moves the break to `requested` if the memory protection can enforce
  /// it below the grant region.
  [[nodiscard]] SyscallReturn set_break(const Process &process,
                                        std::uint32_t requested) const;

  /// Switching to processes.
  const UserspaceBoundary &boundary_;
  /// The MPU.
  const MemoryProtection &protection_;
  /// The drivers (none until they are set: no null test on every call).
  leash::Cell<const SyscallDriverLookup *> drivers_{&no_drivers};
  /// The policy.
  ProcessPolicy policy_;
  /// The slots.
  std::array<Process, capacity> table_{};
  /// Where the round robin looks first.
  leash::Cell<std::size_t> next_;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_PROCESSES_H
