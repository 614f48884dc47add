/// Tests of the LED driver and LedHigh over fake GPIO pins.
#include "capsules/led_driver.h"
#include "kernel/hil/gpio.h"
#include "kernel/hil/led.h"
#include "support/fake_pin.h"

#include <gtest/gtest.h>

#include <array>

namespace {

using host_tests::FakePin;

TEST(LedDriver, DrivesEachLedThroughItsPin) {
  const FakePin pins[2];
  const kernel::hil::led::LedHigh led0(pins[0]);
  const kernel::hil::led::LedHigh led1(pins[1]);
  const std::array<const kernel::hil::led::Led *, 2> table{&led0, &led1};
  const capsules::LedDriver leds(table);

  EXPECT_EQ(leds.count(), 2U);
  EXPECT_TRUE(leds.on(1).is_ok());
  EXPECT_TRUE(pins[1].high);
  EXPECT_FALSE(pins[0].high);
  EXPECT_TRUE(leds.toggle(0).is_ok());
  EXPECT_TRUE(leds.is_on(0));
  EXPECT_TRUE(leds.off(1).is_ok());
  EXPECT_FALSE(leds.is_on(1));
}

TEST(LedDriver, RefusesLedsItDoesNotHave) {
  const std::array<const kernel::hil::led::Led *, 0> table{};
  const capsules::LedDriver leds(table);
  EXPECT_EQ(leds.on(0), kernel::Result::failure(kernel::ErrorCode::invalid));
  EXPECT_EQ(leds.toggle(5),
            kernel::Result::failure(kernel::ErrorCode::invalid));
  EXPECT_FALSE(leds.is_on(0));
}

} // namespace
