/// The FPGA I/O block's LEDs: read-modify-write of the LED register.
#include "chips/mps2-an386/fpga_io.h"

#include <cstddef>
#include <cstdint>

namespace chips::mps2_an386 {

void FpgaIo::set_led(std::size_t index, bool lit) const {
  if (index >= led_count) {
    return;
  }
  const std::uint32_t bit = 1U << index;
  const std::uint32_t leds = registers_.leds.get();
  registers_.leds.set(lit ? (leds | bit) : (leds & ~bit));
}

bool FpgaIo::led_is_lit(std::size_t index) const {
  return index < led_count && (registers_.leds.get() & (1U << index)) != 0;
}

bool FpgaLedPin::toggle() const {
  const bool lit = !is_set();
  fpga_io_.set_led(index_, lit);
  return lit;
}

} // namespace chips::mps2_an386
