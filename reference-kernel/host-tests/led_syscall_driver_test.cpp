/// Tests of the LED system call driver and the driver table, through
/// processes' commands.
#include "capsules/led_driver.h"
#include "capsules/process/driver_table.h"
#include "capsules/process/led_driver.h"
#include "kernel/hil/led.h"
#include "support/fake_pin.h"
#include "support/process_rig.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>

namespace {

using capsules::process::DriverEntry;
using capsules::process::DriverTable;
using host_tests::FakePin;
using host_tests::ProcessRig;
using kernel::ErrorCode;
using kernel::process::SyscallReturn;

constexpr std::uint32_t leds = capsules::process::LedDriver::driver_number;

/// Three LEDs as driver 0x2, for two processes.
class LedSyscallDriverTest : public ::testing::Test {
protected:
  LedSyscallDriverTest()
      : led0_(pins_[0]), led1_(pins_[1]), led2_(pins_[2]),
        table_{&led0_, &led1_, &led2_}, numbered_(table_), driver_(numbered_),
        drivers_(std::array<DriverEntry, 1>{{{leds, &driver_}}}),
        rig_(drivers_) {
    rig_.load_all();
  }

  const FakePin pins_[3];
  const kernel::hil::led::LedHigh led0_;
  const kernel::hil::led::LedHigh led1_;
  const kernel::hil::led::LedHigh led2_;
  const std::array<const kernel::hil::led::Led *, 3> table_;
  const capsules::LedDriver numbered_;
  const capsules::process::LedDriver driver_;
  DriverTable<1> drivers_;
  ProcessRig rig_;
};

TEST_F(LedSyscallDriverTest, CommandZeroCountsTheLeds) {
  EXPECT_EQ(rig_.command(0, leds, 0), SyscallReturn::success_u32(3));
}

TEST_F(LedSyscallDriverTest, EveryProcessSwitchesTheLeds) {
  EXPECT_EQ(rig_.command(0, leds, 1, 2), SyscallReturn::success());
  EXPECT_TRUE(pins_[2].high);
  EXPECT_EQ(rig_.command(1, leds, 3, 0), SyscallReturn::success());
  EXPECT_TRUE(pins_[0].high);
  EXPECT_EQ(rig_.command(1, leds, 2, 2), SyscallReturn::success());
  EXPECT_FALSE(pins_[2].high);
  EXPECT_EQ(rig_.command(0, leds, 3, 0), SyscallReturn::success());
  EXPECT_FALSE(pins_[0].high);
  EXPECT_FALSE(pins_[1].high);
}

TEST_F(LedSyscallDriverTest, LedsOutOfRangeAreInvalid) {
  for (std::uint32_t command = 1; command <= 3; ++command) {
    EXPECT_EQ(rig_.command(0, leds, command, 3),
              SyscallReturn::failure(ErrorCode::invalid));
  }
  EXPECT_EQ(rig_.command(0, leds, 4, 0),
            SyscallReturn::failure(ErrorCode::no_support));
  EXPECT_FALSE(pins_[0].high || pins_[1].high || pins_[2].high);
}

TEST_F(LedSyscallDriverTest, TheTableFindsEachDriverByItsNumber) {
  const capsules::process::LedDriver other(numbered_);
  const DriverTable<2> table(
      std::array<DriverEntry, 2>{{{0x2, &driver_}, {0x7, &other}}});
  EXPECT_EQ(table.driver(0x2), &driver_);
  EXPECT_EQ(table.driver(0x7), &other);
  EXPECT_EQ(table.driver(0x1), nullptr);
  // A driver nobody serves: TRD104's NODEVICE (11).
  EXPECT_EQ(rig_.command(0, 0x1, 0),
            SyscallReturn::failure(ErrorCode::no_device));
}

} // namespace
