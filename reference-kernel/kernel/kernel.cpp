/// The kernel loop: bottom halves, deferred calls, sleep.
#include "kernel/kernel.h"

#include "kernel/debug.h"
#include "kernel/deferred_call.h"
#include "kernel/panic.h"
#include "kernel/process/processes.h"

namespace kernel {

int Kernel::run(const Chip &chip) const { return run_loop(chip, nullptr); }

int Kernel::run(const Chip &chip, const process::Processes &processes) const {
  return run_loop(chip, &processes);
}

int Kernel::run_loop(const Chip &chip,
                     const process::Processes *processes) const {
  if (!DeferredCall::verify_setup()) {
    panic("deferred calls: more created than the table holds, or one "
          "without a client");
  }
  while (exit_status_.is_none()) {
    // The kernel's own work first; processes get the processor only when
    // there is none, so a process can delay a bottom half by at most the
    // rest of its time slice (an interrupt ends the slice at once).
    if (!run_one_step(chip) &&
        (processes == nullptr || !processes->run_next(chip))) {
      sleep_unless_work(chip);
    }
  }
  // Stopped: the run ends once the debug output is out, so that its last
  // lines (a test summary, a goodbye) are not lost. Its UART needs the loop
  // meanwhile, so the loop goes on, and so do the other drivers' callbacks.
  while (!debug::is_drained()) {
    if (!service_one_step(chip)) {
      sleep_unless_work(chip);
    }
  }
  return exit_status_.unwrap_or(0);
}

void Kernel::stop(int status) const { exit_status_.set(status); }

bool Kernel::is_stopping() const { return exit_status_.is_some(); }

bool Kernel::run_one_step(const Chip &chip) const {
  return exit_status_.is_none() && service_one_step(chip);
}

bool Kernel::service_one_step(const Chip &chip) const {
  bool worked = false;
  // Interrupts first: hardware events are the most urgent, and servicing
  // them is short (a bottom half only acknowledges and hands off). A stop
  // ends the step: the callback that stopped has finished.
  const bool stopped_before = exit_status_.is_some();
  while (chip.has_pending_interrupts() &&
         exit_status_.is_some() == stopped_before) {
    chip.service_pending_interrupts();
    worked = true;
  }
  // One deferred call per step, so that a call that keeps setting itself
  // cannot starve interrupts.
  if (exit_status_.is_some() == stopped_before &&
      DeferredCall::service_next_pending()) {
    worked = true;
  }
  return worked;
}

void Kernel::sleep_unless_work(const Chip &chip) const {
  const InterruptMask previous = chip.disable_interrupts();
  const bool waits_for_stop = exit_status_.is_none();
  if (!chip.has_pending_interrupts() && !DeferredCall::has_pending() &&
      (waits_for_stop || !debug::is_drained())) {
    chip.sleep();
  }
  chip.restore_interrupts(previous);
}

} // namespace kernel
