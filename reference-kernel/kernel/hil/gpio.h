/// The GPIO HIL: a digital output pin.
#ifndef KERNEL_HIL_GPIO_H
#define KERNEL_HIL_GPIO_H

#include <leash/annotations.h>

namespace kernel::hil::gpio {

/// A pin driven by the chip (Tock's `gpio::Output`).
class LEASH_COMPONENT Output {
public:
  /// Drives the pin high.
  virtual void set() const = 0;

  /// Drives the pin low.
  virtual void clear() const = 0;

  /// Inverts the pin and returns its new level (true: high).
  virtual bool toggle() const = 0;

  /// The level the pin is driven to (true: high).
  [[nodiscard]] virtual bool is_set() const = 0;

protected:
  /// Pins are never destroyed through this interface.
  ~Output() = default;
};

} // namespace kernel::hil::gpio

#endif // KERNEL_HIL_GPIO_H
