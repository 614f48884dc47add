/// The top half of every kernel interrupt: mask it and leave it pending.
#ifndef ARCH_CORTEX_M_INTERRUPT_DEFERRAL_H
#define ARCH_CORTEX_M_INTERRUPT_DEFERRAL_H

#include <leash/annotations.h>

// Tock's interrupt model. Drivers are components whose state lives in cells,
// and cells are not interrupt-safe, so no driver code runs in interrupt
// context. Every interrupt the kernel uses vectors to one handler that only
// masks the interrupt in the NVIC and marks it pending again; the pending
// bit of a masked interrupt is the "work to do" flag, kept by the hardware.
// The kernel loop sees it (nvic::pending_interrupts_0_to_31), and the chip
// runs the driver's bottom half in thread mode:
//
//   1. nvic::clear_pending(irq): from here on, a new event re-pends it;
//   2. the driver's bottom half: reads and acknowledges its device;
//   3. nvic::enable(irq): the next event interrupts again.
//
// Clearing before the bottom half (not after) means that an event arriving
// while the bottom half runs is never lost: it leaves the interrupt pending.

namespace arch::cortex_m {

/// The handler of every external interrupt that the kernel services: masks
/// the active interrupt in the NVIC and sets it pending, so that `wfi`
/// returns and the kernel loop runs its bottom half. Touches no driver state.
LEASH_INTERRUPT void defer_interrupt_to_kernel();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_INTERRUPT_DEFERRAL_H
