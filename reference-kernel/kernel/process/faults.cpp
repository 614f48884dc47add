/// Processes: a process killed or faulted, reported on the debug output.
/// Optimised for size: it runs once in a process's life, and off the system
/// call path that scheduler.cpp keeps fast.
#include "kernel/process/processes.h"

#include "kernel/debug.h"
#include "kernel/number_text.h"

namespace kernel::process {

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
