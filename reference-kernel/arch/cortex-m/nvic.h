/// The NVIC: enabling, disabling and pending external interrupts.
#ifndef ARCH_CORTEX_M_NVIC_H
#define ARCH_CORTEX_M_NVIC_H

#include <cstdint>

// The Nested Vectored Interrupt Controller's enable and pending registers
// come in pairs of write-one-to-set and write-one-to-clear words: a write
// changes only the bits it sets, so the kernel loop and an interrupt handler
// can both use them without a read-modify-write race. That makes these free
// functions safe to call from anywhere, interrupt handlers included.

namespace arch::cortex_m::nvic {

/// An external interrupt's number (IRQ n is exception 16 + n).
using InterruptNumber = std::uint32_t;

/// Lets interrupt `irq` reach the core.
void enable(InterruptNumber irq);

/// Stops interrupt `irq` from reaching the core; it can still become pending.
void disable(InterruptNumber irq);

/// Marks interrupt `irq` pending, as if its device had raised it.
void set_pending(InterruptNumber irq);

/// Clears the pending state of interrupt `irq`.
void clear_pending(InterruptNumber irq);

/// Whether interrupt `irq` is pending.
[[nodiscard]] bool is_pending(InterruptNumber irq);

/// The pending bits of interrupts 0 to 31 (bit n: IRQ n is pending).
[[nodiscard]] std::uint32_t pending_interrupts_0_to_31();

} // namespace arch::cortex_m::nvic

#endif // ARCH_CORTEX_M_NVIC_H
