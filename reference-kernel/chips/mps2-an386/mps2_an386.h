/// Mps2An386: the chip's peripherals, and the chip as the kernel loop sees it.
#ifndef CHIPS_MPS2_AN386_MPS2_AN386_H
#define CHIPS_MPS2_AN386_MPS2_AN386_H

#include "arch/cortex-m/mpu.h"
#include "arch/cortex-m/system_tick.h"
#include "chips/mps2-an386/cmsdk_uart.h"
#include "chips/mps2-an386/fpga_io.h"
#include "chips/mps2-an386/timer_alarm.h"
#include "kernel/chip.h"
#include "kernel/hil/gpio.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace chips::mps2_an386 {

/// The Cortex-M4 image of the MPS2 board (Tock's chip crate plus its
/// `DefaultPeripherals`): owns one driver per peripheral the kernel uses, and
/// services their interrupts for the kernel loop. Interrupts reach it through
/// `arch::cortex_m::defer_interrupt_to_kernel` (this chip's vector table
/// points every serviced interrupt there), which leaves them masked and
/// pending; `service_pending_interrupts` runs each driver's bottom half.
class LEASH_COMPONENT Mps2An386 final : public kernel::Chip {
public:
  /// Creates every driver over its register block. Calling it is unsafe:
  /// it claims all of the chip's peripherals, so the board calls it exactly
  /// once, for the chip object in static storage.
  LEASH_UNSAFE_API Mps2An386();

  /// UART0, the console.
  [[nodiscard]] const CmsdkUart &uart0() const { return uart0_; }
  /// The alarm (timers 0 and 1).
  [[nodiscard]] const TimerAlarm &alarm() const { return alarm_; }
  /// The pin of user LED `index` (0 or 1; out of range gives LED 1).
  [[nodiscard]] const kernel::hil::gpio::Output &
  led_pin(std::size_t index) const {
    return index == 0 ? led0_ : led1_;
  }
  /// The core's SysTick.
  [[nodiscard]] const arch::cortex_m::SystemTick &system_tick() const {
    return system_tick_;
  }
  /// The core's MPU, which confines processes to their memory.
  [[nodiscard]] const arch::cortex_m::Mpu &mpu() const { return mpu_; }

  /// Lets the serviced interrupts reach the core. Call once, after wiring.
  void enable_interrupts() const;

  // kernel::Chip

  /// Whether a serviced interrupt is pending.
  [[nodiscard]] bool has_pending_interrupts() const override;
  /// Runs the bottom half of every pending serviced interrupt.
  void service_pending_interrupts() const override;
  /// Masks interrupts (PRIMASK).
  [[nodiscard]] kernel::InterruptMask disable_interrupts() const override;
  /// Restores the interrupt mask.
  void restore_interrupts(kernel::InterruptMask previous) const override;
  /// Waits for an interrupt (`wfi`).
  void sleep() const override;

private:
  /// Runs the bottom half of interrupt `irq`.
  void service(std::uint32_t irq) const;

  /// UART0's driver.
  CmsdkUart uart0_;
  /// The alarm's driver.
  TimerAlarm alarm_;
  /// The FPGA I/O block's driver.
  FpgaIo fpga_io_;
  /// User LED 0's pin.
  FpgaLedPin led0_;
  /// User LED 1's pin.
  FpgaLedPin led1_;
  /// SysTick's driver.
  arch::cortex_m::SystemTick system_tick_;
  /// The MPU's driver.
  arch::cortex_m::Mpu mpu_;
};

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_MPS2_AN386_H
