/// LedTest: the LED driver over the FPGA I/O block's LED register.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_LED_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_LED_TEST_H

#include "boards/qemu-mps2-an386/tests/kernel_test.h"
#include "capsules/led_driver.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// Turns the two user LEDs on, off and over through the LED driver and reads
/// them back from the hardware register (QEMU keeps its value), and checks
/// that a third LED is refused.
class LEASH_COMPONENT LedTest final : public KernelTest {
public:
  /// The test of `leds`.
  explicit LedTest(const capsules::LedDriver &leds) : leds_(leds) {}

  /// "leds".
  [[nodiscard]] std::string_view name() const override { return "leds"; }
  /// Runs the whole test at once (LEDs answer immediately).
  void start(const TestReporter &reporter) const override;

private:
  /// The driver under test.
  const capsules::LedDriver &leds_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_LED_TEST_H
