/// The LED HIL: an LED, and the adapter that drives one from a GPIO pin.
#ifndef KERNEL_HIL_LED_H
#define KERNEL_HIL_LED_H

#include "kernel/hil/gpio.h"

#include <leash/annotations.h>

namespace kernel::hil::led {

/// A light that is on or off (Tock's `led::Led`).
class LEASH_COMPONENT Led {
public:
  /// Turns the LED on.
  virtual void on() const = 0;

  /// Turns the LED off.
  virtual void off() const = 0;

  /// Inverts the LED.
  virtual void toggle() const = 0;

  /// Whether the LED is on.
  [[nodiscard]] virtual bool is_on() const = 0;

protected:
  /// LEDs are never destroyed through this interface.
  ~Led() = default;
};

/// An LED that lights when its pin is high (Tock's `LedHigh`).
class LEASH_COMPONENT LedHigh final : public Led {
public:
  /// The LED on `pin`.
  explicit LedHigh(const gpio::Output &pin) : pin_(pin) {}

  /// Drives the pin high.
  void on() const override { pin_.set(); }
  /// Drives the pin low.
  void off() const override { pin_.clear(); }
  /// Inverts the pin.
  void toggle() const override { static_cast<void>(pin_.toggle()); }
  /// Whether the pin is high.
  [[nodiscard]] bool is_on() const override { return pin_.is_set(); }

private:
  /// The pin the LED hangs on.
  const gpio::Output &pin_;
};

} // namespace kernel::hil::led

#endif // KERNEL_HIL_LED_H
