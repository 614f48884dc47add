/// Processes: round-robin scheduling in time slices, and faults.
#include "kernel/process/processes.h"

#include "kernel/debug.h"
#include "kernel/deferred_call.h"
#include "kernel/number_text.h"

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
  protection_.configure_for(process.memory(), process.app_break());
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
      protection_.configure_for(process.memory(), process.app_break());
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

void Processes::kill_for(const Process &process, const char *why) const {
  debug::print("process ");
  debug::print(process.name());
  debug::print(" killed: ");
  debug::print_line(why);
  end(process, ProcessState::faulted);
}

void Processes::handle_fault(const Process &process,
                             const FaultRecord &fault) const {
  process.last_fault_.set(fault);
  // The report: who, which fault, where, and the registers it had.
  debug::print("process ");
  debug::print(process.name());
  debug::print(" faulted: exception ");
  debug::print(decimal(fault.exception).view());
  debug::print(" CFSR=");
  debug::print(hexadecimal(fault.fault_status).view());
  if (fault.address) {
    debug::print(" address=");
    debug::print(hexadecimal(*fault.address).view());
  }
  debug::print_line("");
  const ProcessMemory memory = process.memory();
  const std::uint32_t frame = process.stack_pointer();
  const auto pc = memory.read_word(frame + 6 * 4, process.app_break());
  const auto lr = memory.read_word(frame + 5 * 4, process.app_break());
  debug::print("  pc=");
  debug::print(pc ? hexadecimal(*pc).view() : "(stack unreadable)");
  debug::print(" lr=");
  debug::print(lr ? hexadecimal(*lr).view() : "(stack unreadable)");
  debug::print(" sp=");
  debug::print_line(hexadecimal(frame).view());
  if (process.restart_count() < policy_.restarts_after_fault) {
    debug::print("process ");
    debug::print(process.name());
    debug::print_line(" restarted");
    static_cast<void>(restart(process.id().index));
    process.last_fault_.set(fault);
    return;
  }
  end(process, ProcessState::faulted);
}

} // namespace kernel::process
