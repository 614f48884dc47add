/// Nrf52840: the chip's peripherals, and the chip as the kernel loop sees it.
#ifndef CHIPS_NRF52840_NRF52840_H
#define CHIPS_NRF52840_NRF52840_H

#include "chips/nrf52840/clock.h"
#include "chips/nrf52840/uarte.h"
#include "chips/nrf52840/usbd.h"
#include "kernel/chip.h"

#include <leash/annotations.h>

#include <cstdint>

namespace chips::nrf52840 {

/// The nRF52840 (Tock's chip crate plus its `DefaultPeripherals`): owns one
/// driver per peripheral the kernel uses (CLOCK, UARTE0 and the USBD), and
/// services their interrupts for the kernel loop. Interrupts reach it through
/// `arch::cortex_m::defer_interrupt_to_kernel` (this chip's vector table
/// points every serviced interrupt there), which leaves them masked and
/// pending; `service_pending_interrupts` runs each driver's bottom half.
class LEASH_COMPONENT Nrf52840 final : public kernel::Chip {
public:
  /// Creates every driver over its register block; UARTE0 uses
  /// `uarte0_pins` (the board's choice). Calling it is unsafe: it claims
  /// all of the chip's peripherals, so the board calls it exactly once, for
  /// the chip object in static storage.
  LEASH_UNSAFE_API explicit Nrf52840(UartePins uarte0_pins);

  /// The clocks (the crystal oscillator USB needs).
  [[nodiscard]] const Clock &clock() const { return clock_; }
  /// UARTE0.
  [[nodiscard]] const Uarte &uarte0() const { return uarte0_; }
  /// The USB device controller.
  [[nodiscard]] const Usbd &usbd() const { return usbd_; }

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

  /// CLOCK's driver.
  Clock clock_;
  /// UARTE0's driver.
  Uarte uarte0_;
  /// The USBD's driver.
  Usbd usbd_;
};

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_NRF52840_H
