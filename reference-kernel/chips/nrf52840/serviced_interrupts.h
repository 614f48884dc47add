/// The interrupts the nRF52840 chip's drivers handle, as one mask.
#ifndef CHIPS_NRF52840_SERVICED_INTERRUPTS_H
#define CHIPS_NRF52840_SERVICED_INTERRUPTS_H

#include "chips/nrf52840/memory_map.h"

#include <cstdint>

namespace chips::nrf52840 {

/// Bit n: IRQ n (0 to 47) has a bottom half in a driver (UARTE0's
/// `Uarte::handle_interrupt`, the USBD's `Usbd::handle_interrupt`), and the
/// vector table sends it to the deferring top half. Any other interrupt is
/// unhandled and ends the run with a report.
inline constexpr std::uint64_t serviced_interrupts =
    (std::uint64_t{1} << uarte0_irq) | (std::uint64_t{1} << usbd_irq);

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_SERVICED_INTERRUPTS_H
