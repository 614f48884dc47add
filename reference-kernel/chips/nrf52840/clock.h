/// The nRF52840 CLOCK driver: the crystal oscillator that USB needs.
#ifndef CHIPS_NRF52840_CLOCK_H
#define CHIPS_NRF52840_CLOCK_H

#include "chips/nrf52840/clock_registers.h"

#include <leash/annotations.h>

#include <cstdint>

namespace chips::nrf52840 {

/// The high-frequency clock: the USBD runs only from the crystal oscillator
/// (HFXO), which the chip does not start by itself (it runs from its
/// internal RC oscillator until asked). Starting takes about 0.4 ms.
class LEASH_COMPONENT Clock {
public:
  /// A driver for the CLOCK block `registers` (from the unsafe
  /// `registers::block_at`, whose caller promises this driver is its only
  /// owner).
  explicit Clock(ClockRegisters &registers) : registers_(registers) {}

  /// Starts the crystal oscillator (TASKS_HFCLKSTART); it runs a little
  /// later, once `crystal_is_running`.
  void start_crystal() const;

  /// Whether the high-frequency clock runs from the crystal (HFCLKSTAT).
  [[nodiscard]] bool crystal_is_running() const;

  /// Starts the crystal and waits until it runs, polling at most `polls`
  /// times; returns whether it runs. For start-up, before the kernel loop:
  /// the wait is short and bounded.
  [[nodiscard]] bool start_crystal_and_wait(std::uint32_t polls) const;

private:
  /// The CLOCK registers, owned by this driver.
  ClockRegisters &registers_;
};

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_CLOCK_H
