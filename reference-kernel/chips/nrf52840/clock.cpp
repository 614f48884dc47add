/// The nRF52840 CLOCK driver: starting the crystal oscillator.
#include "chips/nrf52840/clock.h"

namespace chips::nrf52840 {

void Clock::start_crystal() const {
  registers_.event_high_frequency_clock_started.set(0);
  registers_.start_high_frequency_clock.write(Signal::active.set());
}

bool Clock::crystal_is_running() const {
  const auto status = registers_.high_frequency_clock_status.extract();
  return status.is_set(HighFrequencyClockStatus::running) &&
         status.is_set(HighFrequencyClockStatus::source);
}

bool Clock::start_crystal_and_wait(std::uint32_t polls) const {
  if (crystal_is_running()) {
    return true;
  }
  start_crystal();
  for (std::uint32_t poll = 0; poll < polls; ++poll) {
    if (crystal_is_running()) {
      return true;
    }
  }
  return crystal_is_running();
}

} // namespace chips::nrf52840
