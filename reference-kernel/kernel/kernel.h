/// Kernel: the main loop that runs bottom halves and deferred calls, or sleeps.
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/chip.h"

#include <leash/annotations.h>
#include <leash/optional_cell.h>

namespace kernel {

namespace process {
class Processes;
} // namespace process

/// The kernel's main loop (Tock's `Kernel::kernel_loop`). Everything the
/// kernel does after start-up happens inside `run`, in thread mode: interrupt
/// handlers only mask their interrupt and leave it pending (the top half),
/// and the loop runs the driver's bottom half, which calls its clients, which
/// may set deferred calls, which the loop runs next. When nothing is left to
/// do, the loop sleeps until the next interrupt.
class LEASH_COMPONENT Kernel {
public:
  /// A kernel that has not been asked to stop.
  constexpr Kernel() = default;

  /// Checks the deferred-call table (a broken one panics), then loops: all
  /// pending interrupts' bottom halves first, then one deferred call, and
  /// sleeps when neither is left. Returns the status given to `stop`, once
  /// the debug output has been sent (the loop goes on until then).
  int run(const Chip &chip) const;
  /// Like `run`, with processes: when the kernel has nothing to do, the
  /// next process that can run gets a time slice (`Processes::run_next`);
  /// the kernel sleeps only when no process can run either.
  int run(const Chip &chip, const process::Processes &processes) const;

  /// Asks `run` to return `status` once the current step (the callback that
  /// called `stop`) has finished. The last request wins.
  void stop(int status) const;

  /// Whether `stop` has been called.
  [[nodiscard]] bool is_stopping() const;

  /// Runs one step of the loop without sleeping: the pending interrupts'
  /// bottom halves, then one deferred call. Returns whether there was
  /// anything to do. `run` is this plus sleeping; tests drive it directly.
  bool run_one_step(const Chip &chip) const;

private:
  /// The loop of both `run`s (`processes` may be null).
  int run_loop(const Chip &chip, const process::Processes *processes) const;
  /// One step, stopped or not; a `stop` during the step ends it.
  bool service_one_step(const Chip &chip) const;

  /// Sleeps, unless work arrived since the last step; race-free because the
  /// check and the sleep happen with interrupts masked.
  void sleep_unless_work(const Chip &chip) const;

  /// The status to return, once `stop` has been called.
  leash::OptionalCell<int> exit_status_;
};

} // namespace kernel

#endif // KERNEL_KERNEL_H
