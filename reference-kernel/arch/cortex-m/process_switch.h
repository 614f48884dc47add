/// Switching between the kernel and processes on ARMv7-M.
#ifndef ARCH_CORTEX_M_PROCESS_SWITCH_H
#define ARCH_CORTEX_M_PROCESS_SWITCH_H

#include "arch/cortex-m/system_tick.h"
#include "kernel/process/userspace_boundary.h"

#include <leash/annotations.h>

#include <cstdint>

namespace arch::cortex_m {

/// The kernel runs in privileged thread mode on the main stack; a process
/// runs in unprivileged thread mode on its own stack (PSP). Tock's scheme:
///
/// - the kernel calls `switch_to_process`, which saves its r4..r11, loads
///   the process's, sets PSP and executes `svc 0xff`; the SVC handler sees
///   the call came from the main stack, sets CONTROL.nPRIV and returns
///   through EXC_RETURN 0xFFFFFFFD: the core pops the process's exception
///   frame from PSP and the process runs;
/// - whatever stops the process -- its own `svc`, the SysTick time slice,
///   an interrupt, a fault -- enters a handler whose EXC_RETURN says it
///   came from PSP; the handler records why, clears CONTROL.nPRIV and
///   returns through 0xFFFFFFF9, which pops the frame the kernel's `svc
///   0xff` left on the main stack: `switch_to_process` continues, saves the
///   process's r4..r11 and PSP and returns the reason.
///
/// The handlers touch no kernel state but the switch's own: the reason and
/// the system call go into the kernel's frame and the entry it names; the
/// fault registers into atomics that `last_fault` reads.
class LEASH_COMPONENT ProcessSwitch final
    : public kernel::process::UserspaceBoundary {
public:
  /// The processor clock's cycles per microsecond (25 on mps2-an386).
  /// `system_tick` times the slices.
  ProcessSwitch(const SystemTick &system_tick,
                std::uint32_t cycles_per_microsecond)
      : system_tick_(system_tick),
        cycles_per_microsecond_(cycles_per_microsecond) {}

  /// SysTick counts the slice down and interrupts the process at zero.
  void start_timeslice(std::uint32_t microseconds) const override;
  /// SysTick stops.
  void stop_timeslice() const override;
  /// Runs the process until it traps back (see the class comment).
  kernel::process::SwitchReason
  switch_to_process(kernel::process::StoredRegisters &registers,
                    kernel::process::SyscallEntry &syscall) const override;
  /// What the fault handler recorded.
  [[nodiscard]] kernel::process::FaultRecord last_fault() const override;

private:
  /// The time slice timer.
  const SystemTick &system_tick_;
  /// Cycles per microsecond.
  std::uint32_t cycles_per_microsecond_;
};

/// The SVC handler: from the kernel, enters the process; from a process,
/// returns to the kernel with `syscall`.
LEASH_INTERRUPT void supervisor_call_handler();
/// The SysTick handler: a process's slice ended.
LEASH_INTERRUPT void system_tick_handler();
/// The fault handlers' entry: a process's fault returns to the kernel with
/// `fault`; a fault of the kernel itself goes to
/// `unhandled_exception_handler`'s report.
LEASH_INTERRUPT void process_fault_handler();
/// Every external interrupt's entry: the top half
/// (`defer_interrupt_to_kernel`), then, when it interrupted a process, back to
/// the kernel with `interrupted` so that the bottom half runs now, not after
/// the slice.
LEASH_INTERRUPT void external_interrupt_handler();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_PROCESS_SWITCH_H
