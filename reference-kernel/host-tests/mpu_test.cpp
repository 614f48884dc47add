/// Tests of the MPU driver, the image's source, on a model of the PMSAv7 MPU.
#include "arch/cortex-m/mpu.h"
#include "arch/cortex-m/process_mpu_config.h"
#include "support/simulated_mpu.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

using arch::cortex_m::configure_process;
using arch::cortex_m::disabled_region;
using arch::cortex_m::make_region;
using arch::cortex_m::Mpu;
using arch::cortex_m::MpuRegion;
using arch::cortex_m::RegionPermissions;
using host_tests::SimulatedMpu;
using host_tests::synchronizations;

/// The driver over the model, whose regions hold a previous process's.
class MpuTest : public ::testing::Test {
protected:
  MpuTest() {
    // Whatever an earlier process left behind.
    for (MpuRegion &region : model_.regions) {
      region = MpuRegion{0x20000000, 0x1234567};
    }
  }

  SimulatedMpu model_;
  Mpu mpu_{model_.registers};
};

TEST_F(MpuTest, CountsTheRegionsOfMpuType) {
  EXPECT_EQ(mpu_.region_count(), 8U);
}

TEST_F(MpuTest, EnableKeepsTheDefaultMapForTheKernel) {
  const unsigned before = synchronizations.load();
  mpu_.enable();
  // ENABLE | PRIVDEFENA, HFNMIENA clear.
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x5U);
  mpu_.disable();
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x0U);
  EXPECT_EQ(synchronizations.load(), before + 2);
}

TEST_F(MpuTest, ApplyWritesTheProcessRegionsAndClearsTheOthers) {
  const auto result =
      configure_process(0x00200000, 16 * 1024, 0x20010000, 16 * 1024, 5000);
  ASSERT_TRUE(result.is_ok());
  const unsigned before = synchronizations.load();
  mpu_.apply(result.config);
  EXPECT_EQ(synchronizations.load(), before + 1);

  EXPECT_EQ(model_.regions[0].rbar, 0x00200000U);
  EXPECT_EQ(model_.regions[0].rasr, result.config.regions[0].rasr);
  EXPECT_EQ(model_.regions[1].rbar, 0x20010000U);
  EXPECT_EQ(model_.regions[1].rasr, result.config.regions[1].rasr);
  for (unsigned number = 2; number < 8; ++number) {
    EXPECT_EQ(model_.regions[number].rasr, 0U) << number;
  }
  // Read back through the driver: RBAR shows the region number, VALID clear.
  EXPECT_EQ(mpu_.read_region(1),
            (MpuRegion{0x20010001U, result.config.regions[1].rasr}));
}

TEST_F(MpuTest, ClearSwitchesEveryRegionOff) {
  mpu_.clear();
  for (unsigned number = 0; number < 8; ++number) {
    EXPECT_EQ(model_.regions[number].rasr, 0U) << number;
    EXPECT_EQ(mpu_.read_region(number).rasr, 0U) << number;
  }
}

TEST_F(MpuTest, ReadRegionSelectsThroughRnr) {
  const auto region =
      make_region(6, 0x20300000, 256, RegionPermissions::none, 0x0F);
  ASSERT_TRUE(region.has_value());
  model_.regions[6] = MpuRegion{0x20300000, region->rasr};
  EXPECT_EQ(mpu_.read_region(6), (MpuRegion{0x20300006, region->rasr}));
  EXPECT_EQ(model_.selected, 6U);
  EXPECT_EQ(disabled_region(6).rasr, 0U);
}

} // namespace
