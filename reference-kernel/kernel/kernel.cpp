/// The kernel loop: bottom halves, deferred calls, sleep.
#include "kernel/kernel.h"

#include "kernel/deferred_call.h"
#include "kernel/panic.h"

namespace kernel {

int Kernel::run(const Chip &chip) const {
  if (!DeferredCall::verify_setup()) {
    panic("deferred calls: more created than the table holds, or one "
          "without a client");
  }
  while (exit_status_.is_none()) {
    if (!run_one_step(chip)) {
      sleep_unless_work(chip);
    }
  }
  return exit_status_.unwrap_or(0);
}

void Kernel::stop(int status) const { exit_status_.set(status); }

bool Kernel::is_stopping() const { return exit_status_.is_some(); }

bool Kernel::run_one_step(const Chip &chip) const {
  bool worked = false;
  // Interrupts first: hardware events are the most urgent, and servicing
  // them is short (a bottom half only acknowledges and hands off).
  while (chip.has_pending_interrupts() && exit_status_.is_none()) {
    chip.service_pending_interrupts();
    worked = true;
  }
  // One deferred call per step, so that a call that keeps setting itself
  // cannot starve interrupts.
  if (exit_status_.is_none() && DeferredCall::service_next_pending()) {
    worked = true;
  }
  return worked;
}

void Kernel::sleep_unless_work(const Chip &chip) const {
  const InterruptMask previous = chip.disable_interrupts();
  if (!chip.has_pending_interrupts() && !DeferredCall::has_pending() &&
      exit_status_.is_none()) {
    chip.sleep();
  }
  chip.restore_interrupts(previous);
}

} // namespace kernel
