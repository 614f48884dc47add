/// LedDriver: the board's LEDs, addressed by number.
#ifndef CAPSULES_LED_DRIVER_H
#define CAPSULES_LED_DRIVER_H

#include "kernel/hil/led.h"
#include "kernel/result.h"

#include <leash/annotations.h>

#include <cstddef>
#include <span>

namespace capsules {

/// The board's LEDs as one numbered set (the kernel half of Tock's LED
/// capsule; the system-call half arrives with processes). Numbers out of
/// range are refused with `ErrorCode::invalid`, never undefined.
class LEASH_COMPONENT LedDriver {
public:
  /// A driver for `leds`, a table in static storage that the board fills.
  explicit LedDriver(std::span<const kernel::hil::led::Led *const> leds)
      : leds_(leds) {}

  /// How many LEDs there are.
  [[nodiscard]] std::size_t count() const { return leds_.size(); }

  /// Turns LED `index` on.
  kernel::Result on(std::size_t index) const;

  /// Turns LED `index` off.
  kernel::Result off(std::size_t index) const;

  /// Inverts LED `index`.
  kernel::Result toggle(std::size_t index) const;

  /// Whether LED `index` is on (false for an index out of range).
  [[nodiscard]] bool is_on(std::size_t index) const;

private:
  /// The LED `index`, or null when there is none.
  [[nodiscard]] const kernel::hil::led::Led *led(std::size_t index) const;

  /// The LEDs, by number.
  const std::span<const kernel::hil::led::Led *const> leds_;
};

} // namespace capsules

#endif // CAPSULES_LED_DRIVER_H
