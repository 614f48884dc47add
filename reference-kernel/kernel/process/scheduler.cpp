/// Processes: round-robin scheduling in time slices, optimised for speed
/// (kernel/CMakeLists.txt); the faults it meets are handled in faults.cpp.
#include "kernel/process/processes.h"

#include "kernel/deferred_call.h"

namespace kernel::process {

bool Processes::run_next(const Chip &chip) const {
  for (std::size_t step = 0; step < capacity; ++step) {
    const std::size_t index = (next_.get() + step) % capacity;
    const Process &process = table_[index];
    const ProcessState state = process.state();
    const bool due =
        state == ProcessState::runnable ||
        (state == ProcessState::yielded &&
         process.upcalls_
             .map([](UpcallQueue &queue) { return queue.size() != 0; })
             .value_or(false));
    if (!due) {
      continue;
    }
    next_.set((index + 1) % capacity);
    run(process, chip);
    return true;
  }
  return false;
}

void Processes::run(const Process &process, const Chip &chip) const {
  if (process.state() == ProcessState::yielded) {
    if (!deliver_upcall(process)) {
      return;
    }
    process.state_.set(ProcessState::runnable);
  }
  protection_.configure_for(process.id().index, process.memory(),
                            process.app_break());
  boundary_.start_timeslice(policy_.timeslice_microseconds);
  // The process runs until its slice ends or the kernel has work; between
  // its system calls it goes on at once, without a trip through the loop.
  // Its r4..r11 stay in `registers` meanwhile, and go back into the table
  // once, when it stops; the calls themselves need only its stack pointer.
  StoredRegisters registers = process.registers();
  SyscallEntry syscall;
  SwitchReason reason = SwitchReason::syscall;
  while (process.state() == ProcessState::runnable) {
    reason = boundary_.switch_to_process(registers, syscall);
    process.stack_pointer_.set(registers.stack_pointer);
    if (reason != SwitchReason::syscall) {
      break;
    }
    const std::uint32_t break_before = process.app_break();
    handle_syscall(process, syscall);
    if (process.app_break() != break_before) {
      protection_.configure_for(process.id().index, process.memory(),
                                process.app_break());
    }
    // An exit that restarted it gave it a fresh stack and registers (a
    // restart that failed ended it). Told by the call itself, not by a
    // value kept across calls: the loop has no register to spare.
    if (syscall.number == immediate(SyscallClass::exit) &&
        syscall.arguments[0] == exit_restart) {
      registers = process.registers();
    }
    if (chip.has_pending_interrupts() || DeferredCall::has_pending()) {
      break;
    }
  }
  process.callee_saved_.set(registers.callee_saved);
  if (reason == SwitchReason::fault) {
    handle_fault(process, boundary_.last_fault());
  }
  boundary_.stop_timeslice();
}

} // namespace kernel::process
