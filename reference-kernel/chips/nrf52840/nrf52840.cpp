/// The nRF52840 chip: creating the drivers, and servicing their interrupts.
#include "chips/nrf52840/nrf52840.h"

#include "arch/cortex-m/critical_section.h"
#include "arch/cortex-m/nvic.h"
#include "arch/cortex-m/sleep.h"
#include "chips/nrf52840/memory_map.h"
#include "chips/nrf52840/serviced_interrupts.h"

#include <cstdint>

namespace chips::nrf52840 {

Nrf52840::Nrf52840(UartePins uarte0_pins)
    : clock_(registers::block_at<ClockRegisters>(clock_base_address)),
      uarte0_(registers::block_at<UarteRegisters>(uarte0_base_address),
              uarte0_pins),
      usbd_(
          registers::block_at<UsbdRegisters>(usbd_base_address),
          registers::block_at<PowerUsbRegisters>(power_base_address),
          registers::block_at<UsbdErrataRegisters>(usbd_errata_base_address)) {}

void Nrf52840::enable_interrupts() const {
  for (std::uint32_t irq = 0; irq < external_interrupt_count; ++irq) {
    if ((serviced_interrupts & (std::uint64_t{1} << irq)) != 0) {
      arch::cortex_m::nvic::clear_pending(irq);
      arch::cortex_m::nvic::enable(irq);
    }
  }
}

bool Nrf52840::has_pending_interrupts() const {
  for (std::uint32_t irq = 0; irq < external_interrupt_count; ++irq) {
    if ((serviced_interrupts & (std::uint64_t{1} << irq)) != 0 &&
        arch::cortex_m::nvic::is_pending(irq)) {
      return true;
    }
  }
  return false;
}

void Nrf52840::service_pending_interrupts() const {
  // The serviced interrupts reach past IRQ 31 (the USBD is IRQ 39), so each
  // is asked on its own rather than through the first pending word.
  for (std::uint32_t irq = 0; irq < external_interrupt_count; ++irq) {
    if ((serviced_interrupts & (std::uint64_t{1} << irq)) == 0 ||
        !arch::cortex_m::nvic::is_pending(irq)) {
      continue;
    }
    // The protocol of arch/cortex-m/interrupt_deferral.h: clear, run the
    // bottom half, unmask. The lines are level-triggered: an event the
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
  case usbd_irq:
    usbd_.handle_interrupt();
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
