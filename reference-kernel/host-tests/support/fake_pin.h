/// FakePin: a GPIO output that remembers its level.
#ifndef HOST_TESTS_SUPPORT_FAKE_PIN_H
#define HOST_TESTS_SUPPORT_FAKE_PIN_H

#include "kernel/hil/gpio.h"

namespace host_tests {

/// An output pin whose level tests read back (an LED's, in the LED
/// drivers' tests).
class FakePin final : public kernel::hil::gpio::Output {
public:
  /// Drives it high.
  void set() const override { high = true; }
  /// Drives it low.
  void clear() const override { high = false; }
  /// Inverts it; returns its new level.
  bool toggle() const override { return high = !high; }
  /// Its level.
  bool is_set() const override { return high; }
  /// Its level.
  mutable bool high = false;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_FAKE_PIN_H
