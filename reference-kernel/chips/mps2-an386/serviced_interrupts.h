/// The interrupts the chip's drivers handle, as one mask.
#ifndef CHIPS_MPS2_AN386_SERVICED_INTERRUPTS_H
#define CHIPS_MPS2_AN386_SERVICED_INTERRUPTS_H

#include "chips/mps2-an386/memory_map.h"

#include <cstdint>

namespace chips::mps2_an386 {

/// Bit n: IRQ n has a bottom half in a driver (Mps2An386::service), and the
/// vector table sends it to the deferring top half. Any other interrupt is
/// unhandled and ends the run with a report.
inline constexpr std::uint32_t serviced_interrupts =
    (1U << uart0_receive_irq) | (1U << uart0_transmit_irq) | (1U << timer1_irq);

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_SERVICED_INTERRUPTS_H
