/// The chip: creating the drivers, and servicing their interrupts.
#include "chips/mps2-an386/mps2_an386.h"

#include "arch/cortex-m/critical_section.h"
#include "arch/cortex-m/nvic.h"
#include "arch/cortex-m/sleep.h"
#include "chips/mps2-an386/memory_map.h"
#include "chips/mps2-an386/serviced_interrupts.h"

#include <bit>
#include <cstdint>

namespace chips::mps2_an386 {

Mps2An386::Mps2An386()
    : uart0_(registers::block_at<UartRegisters>(uart0_base_address),
             peripheral_clock_hz),
      alarm_(registers::block_at<TimerRegisters>(timer0_base_address),
             registers::block_at<TimerRegisters>(timer1_base_address),
             peripheral_clock_hz),
      fpga_io_(registers::block_at<FpgaIoRegisters>(fpga_io_base_address)),
      led0_(fpga_io_, 0), led1_(fpga_io_, 1),
      system_tick_(arch::cortex_m::system_tick_registers()),
      mpu_(arch::cortex_m::mpu_registers()) {}

void Mps2An386::enable_interrupts() const {
  std::uint32_t remaining = serviced_interrupts;
  while (remaining != 0) {
    const auto irq = static_cast<std::uint32_t>(std::countr_zero(remaining));
    remaining &= remaining - 1;
    arch::cortex_m::nvic::clear_pending(irq);
    arch::cortex_m::nvic::enable(irq);
  }
}

bool Mps2An386::has_pending_interrupts() const {
  return (arch::cortex_m::nvic::pending_interrupts_0_to_31() &
          serviced_interrupts) != 0;
}

void Mps2An386::service_pending_interrupts() const {
  std::uint32_t pending =
      arch::cortex_m::nvic::pending_interrupts_0_to_31() & serviced_interrupts;
  while (pending != 0) {
    const auto irq = static_cast<std::uint32_t>(std::countr_zero(pending));
    pending &= pending - 1;
    // The protocol of arch/cortex-m/interrupt_deferral.h: clear, run the
    // bottom half, unmask.
    arch::cortex_m::nvic::clear_pending(irq);
    service(irq);
    arch::cortex_m::nvic::enable(irq);
  }
}

void Mps2An386::service(std::uint32_t irq) const {
  switch (irq) {
  case uart0_receive_irq:
    uart0_.handle_receive_interrupt();
    break;
  case uart0_transmit_irq:
    uart0_.handle_transmit_interrupt();
    break;
  case timer1_irq:
    alarm_.handle_interrupt();
    break;
  default:
    break;
  }
}

kernel::InterruptMask Mps2An386::disable_interrupts() const {
  return arch::cortex_m::disable_interrupts() ==
                 arch::cortex_m::InterruptMask::masked
             ? kernel::InterruptMask::masked
             : kernel::InterruptMask::enabled;
}

void Mps2An386::restore_interrupts(kernel::InterruptMask previous) const {
  arch::cortex_m::restore_interrupts(
      previous == kernel::InterruptMask::masked
          ? arch::cortex_m::InterruptMask::masked
          : arch::cortex_m::InterruptMask::enabled);
}

void Mps2An386::sleep() const { arch::cortex_m::wait_for_interrupt(); }

} // namespace chips::mps2_an386
