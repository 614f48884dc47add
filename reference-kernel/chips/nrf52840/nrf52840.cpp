/// The nRF52840 chip: creating the drivers, and servicing their interrupts.
#include "chips/nrf52840/nrf52840.h"

#include "arch/cortex-m/critical_section.h"
#include "arch/cortex-m/nvic.h"
#include "arch/cortex-m/sleep.h"
#include "chips/nrf52840/memory_map.h"
#include "chips/nrf52840/serviced_interrupts.h"

#include <bit>
#include <cstdint>

namespace chips::nrf52840 {

Nrf52840::Nrf52840(UartePins uarte0_pins)
    : uarte0_(registers::block_at<UarteRegisters>(uarte0_base_address),
              uarte0_pins) {}

void Nrf52840::enable_interrupts() const {
  std::uint32_t remaining = serviced_interrupts;
  while (remaining != 0) {
    const auto irq = static_cast<std::uint32_t>(std::countr_zero(remaining));
    remaining &= remaining - 1;
    arch::cortex_m::nvic::clear_pending(irq);
    arch::cortex_m::nvic::enable(irq);
  }
}

bool Nrf52840::has_pending_interrupts() const {
  return (arch::cortex_m::nvic::pending_interrupts_0_to_31() &
          serviced_interrupts) != 0;
}

void Nrf52840::service_pending_interrupts() const {
  std::uint32_t pending =
      arch::cortex_m::nvic::pending_interrupts_0_to_31() & serviced_interrupts;
  while (pending != 0) {
    const auto irq = static_cast<std::uint32_t>(std::countr_zero(pending));
    pending &= pending - 1;
    // The protocol of arch/cortex-m/interrupt_deferral.h: clear, run the
    // bottom half, unmask. The UARTE's line is level-triggered: an event the
    // bottom half leaves set (or a new one) pends the interrupt again.
    arch::cortex_m::nvic::clear_pending(irq);
    service(irq);
    arch::cortex_m::nvic::enable(irq);
  }
}

void Nrf52840::service(std::uint32_t irq) const {
  switch (irq) {
  case uarte0_irq:
    uarte0_.handle_interrupt();
    break;
  default:
    break;
  }
}

kernel::InterruptMask Nrf52840::disable_interrupts() const {
  return arch::cortex_m::disable_interrupts() ==
                 arch::cortex_m::InterruptMask::masked
             ? kernel::InterruptMask::masked
             : kernel::InterruptMask::enabled;
}

void Nrf52840::restore_interrupts(kernel::InterruptMask previous) const {
  arch::cortex_m::restore_interrupts(
      previous == kernel::InterruptMask::masked
          ? arch::cortex_m::InterruptMask::masked
          : arch::cortex_m::InterruptMask::enabled);
}

void Nrf52840::sleep() const { arch::cortex_m::wait_for_interrupt(); }

} // namespace chips::nrf52840
