/// Tests of the MPU driver, the image's source, on a model of the PMSAv7 MPU.
#include "arch/cortex-m/mpu.h"
#include "arch/cortex-m/process_mpu_config.h"
#include "libraries/registers/simulated_access.h"

#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <cstdint>

namespace {

/// How often the driver asked for its barrier.
std::atomic<unsigned> synchronizations{0};

} // namespace

/// The host's barrier: there is no hardware to wait for, so it only counts.
void arch::cortex_m::synchronize_memory_map() { synchronizations.fetch_add(1); }

namespace {

using arch::cortex_m::configure_process;
using arch::cortex_m::disabled_region;
using arch::cortex_m::make_region;
using arch::cortex_m::Mpu;
using arch::cortex_m::MpuRegion;
using arch::cortex_m::MpuRegisters;
using arch::cortex_m::RegionPermissions;

/// The MPU behind a register block in host memory, as QEMU models it: eight
/// regions behind one RBAR/RASR window; RNR selects the region, and so does
/// a write of RBAR with VALID set; RBAR reads its region's address and
/// number, with VALID clear; MPU_TYPE reads 0x800.
class SimulatedMpu final : public registers::simulation::Bus {
public:
  /// Attaches the model to the register accesses of the program.
  SimulatedMpu() { registers::simulation::attach(*this); }
  /// Detaches it.
  ~SimulatedMpu() { registers::simulation::detach(); }
  SimulatedMpu(const SimulatedMpu &) = delete;
  SimulatedMpu &operator=(const SimulatedMpu &) = delete;

  /// MPU_TYPE, and RBAR and RASR of the selected region.
  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override {
    if (address == address_of(registers.type)) {
      return 0x800;
    }
    if (address == address_of(registers.base_address)) {
      return regions[selected].rbar | selected;
    }
    if (address == address_of(registers.attributes)) {
      return regions[selected].rasr;
    }
    return stored;
  }

  /// RNR and RBAR select a region; RBAR and RASR write into it.
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t) override {
    if (address == address_of(registers.region_number)) {
      selected = static_cast<std::uint32_t>(value & 0xFF) % regions.size();
    } else if (address == address_of(registers.base_address)) {
      if ((value & 0x10) != 0) {
        selected = static_cast<std::uint32_t>(value & 0xF) % regions.size();
      }
      regions[selected].rbar = static_cast<std::uint32_t>(value & ~0x1FU);
    } else if (address == address_of(registers.attributes)) {
      regions[selected].rasr = static_cast<std::uint32_t>(value);
    }
    return value;
  }

  /// The block the driver is given.
  MpuRegisters registers{};
  /// Each region's address (RBAR bits 31 to 5) and RASR.
  std::array<MpuRegion, 8> regions{};
  /// The region RBAR and RASR show.
  std::uint32_t selected = 0;

private:
  /// The address of register `location`.
  template <typename Register>
  static std::uintptr_t address_of(const Register &location) {
    return reinterpret_cast<std::uintptr_t>(&location);
  }
};

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
