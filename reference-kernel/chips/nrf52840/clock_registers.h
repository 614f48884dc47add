/// The nRF52840 CLOCK registers that starting the crystal oscillator needs.
#ifndef CHIPS_NRF52840_CLOCK_REGISTERS_H
#define CHIPS_NRF52840_CLOCK_REGISTERS_H

#include "chips/nrf52840/signal.h"
#include "libraries/registers/registers.h"

#include <cstddef>
#include <cstdint>

namespace chips::nrf52840 {

/// The fields of HFCLKSTAT.
struct HighFrequencyClockStatus {
  /// A field of HFCLKSTAT.
  using Field = registers::Field<std::uint32_t, HighFrequencyClockStatus>;
  /// The source: 0 the internal RC oscillator, 1 the crystal (HFXO).
  static constexpr Field source{0, 1};
  /// Whether the clock runs.
  static constexpr Field running{16, 1};
};

/// The CLOCK block's registers for the high-frequency clock. CLOCK shares
/// its base address (0x4000'0000, peripheral ID 0) with POWER: this block
/// names only CLOCK's registers, and the USBD driver's `PowerUsbRegisters`
/// only POWER's, so each register has one owner.
struct ClockRegisters {
  /// 0x000 TASKS_HFCLKSTART: start the crystal oscillator (HFXO), which
  /// USB needs: the internal oscillator is not accurate enough.
  registers::WriteOnly<std::uint32_t, Signal> start_high_frequency_clock;
  /// 0x004 TASKS_HFCLKSTOP.
  registers::WriteOnly<std::uint32_t, Signal> stop_high_frequency_clock;
  registers::Reserved<0x100 - 0x008> reserved0;
  /// 0x100 EVENTS_HFCLKSTARTED: the crystal oscillator runs.
  registers::ReadWrite<std::uint32_t, Signal>
      event_high_frequency_clock_started;
  registers::Reserved<0x40C - 0x104> reserved1;
  /// 0x40C HFCLKSTAT.
  registers::ReadOnly<std::uint32_t, HighFrequencyClockStatus>
      high_frequency_clock_status;
};

static_assert(offsetof(ClockRegisters, stop_high_frequency_clock) == 0x004);
static_assert(offsetof(ClockRegisters, event_high_frequency_clock_started) ==
              0x100);
static_assert(offsetof(ClockRegisters, high_frequency_clock_status) == 0x40C);

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_CLOCK_REGISTERS_H
