/// Tests of the kernel's memory protection on the MPU driver and its model.
#include "arch/cortex-m/mpu.h"
#include "arch/cortex-m/mpu_memory_protection.h"
#include "kernel/process/process_memory.h"
#include "support/simulated_mpu.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace {

using arch::cortex_m::Mpu;
using arch::cortex_m::MpuMemoryProtection;
using arch::cortex_m::MpuRegion;
using host_tests::SimulatedMpu;
using kernel::process::ProcessMemory;

/// A process known at addresses of the target (the spans are host arrays;
/// the MPU only sees the addresses): a 4 KiB flash image and a 4 KiB RAM
/// block, whose subregions are 512 bytes.
class MpuMemoryProtectionTest : public ::testing::Test {
protected:
  static constexpr std::uint32_t flash_address = 0x00200000;
  static constexpr std::uint32_t ram_address = 0x20004000;

  /// The process's memory with a RAM block of `ram_size` bytes.
  ProcessMemory memory(std::size_t ram_size = 4096) {
    return ProcessMemory(flash_address, std::span(flash_), ram_address,
                         std::span(ram_).first(ram_size));
  }

  std::array<std::uint8_t, 4096> flash_{};
  std::array<std::uint8_t, 4096> ram_{};
  SimulatedMpu model_;
  Mpu mpu_{model_.registers};
  MpuMemoryProtection protection_{mpu_};
};

TEST_F(MpuMemoryProtectionTest, BreaksRoundUpToSubregions) {
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address), ram_address);
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address + 1),
            ram_address + 512);
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address + 512),
            ram_address + 512);
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address + 3000),
            ram_address + 3072);
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address + 4096),
            ram_address + 4096);
}

TEST_F(MpuMemoryProtectionTest, BreaksOutsideTheBlockAreRefused) {
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address - 1),
            std::nullopt);
  EXPECT_EQ(protection_.enforceable_break(memory(), ram_address + 4097),
            std::nullopt);
}

TEST_F(MpuMemoryProtectionTest, MemoryThatRegionsCannotExpressIsRefused) {
  // 3 KiB is not a power of two: no region fits the block exactly.
  EXPECT_EQ(protection_.enforceable_break(memory(3072), ram_address + 100),
            std::nullopt);
  // 128 bytes has no subregions: only the whole block can be given.
  EXPECT_EQ(protection_.enforceable_break(memory(128), ram_address + 100),
            std::nullopt);
  EXPECT_EQ(protection_.enforceable_break(memory(128), ram_address + 128),
            ram_address + 128);
}

TEST_F(MpuMemoryProtectionTest, ConfigureProgramsBothRegionsAndEnables) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  EXPECT_EQ(model_.regions[0].rbar, flash_address);
  EXPECT_EQ(model_.regions[1].rbar, ram_address);
  // RAM: subregions 0 and 1 on, 2 to 7 (the rest, the grant region) off.
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xFCU);
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x5U);
  for (unsigned number = 2; number < 8; ++number) {
    EXPECT_EQ(model_.regions[number].rasr, 0U) << number;
  }
}

TEST_F(MpuMemoryProtectionTest, AMovedBreakReprogramsTheRamRegion) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  protection_.configure_for(0, memory(), ram_address + 2048);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xF0U);
}

TEST_F(MpuMemoryProtectionTest, TheSameProcessAgainIsNotReprogrammed) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  // Marked: a rewrite of the same regions would overwrite the mark.
  model_.regions[1].rasr = 0x1234;
  protection_.configure_for(0, memory(), ram_address + 1024);
  EXPECT_EQ(model_.regions[1].rasr, 0x1234U);
  // Another break, or another process, is programmed.
  protection_.configure_for(0, memory(), ram_address + 2048);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xF0U);
  model_.regions[1].rasr = 0x1234;
  protection_.configure_for(0, memory(2048), ram_address + 1024);
  EXPECT_NE(model_.regions[1].rasr, 0x1234U);
}

TEST_F(MpuMemoryProtectionTest, AnotherProcessRewritesOnlyItsOwnRegions) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  // Marked: the switch to another process leaves the regions that no
  // process uses alone (they are off since the first process), so it costs
  // two region writes, not eight.
  model_.regions[5].rbar = 0x1000;
  const ProcessMemory other(flash_address + 0x1000, std::span(flash_),
                            ram_address + 0x1000, std::span(ram_));
  protection_.configure_for(1, other, ram_address + 0x1000 + 2048);
  EXPECT_EQ(model_.regions[0].rbar, flash_address + 0x1000);
  EXPECT_EQ(model_.regions[1].rbar, ram_address + 0x1000);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xF0U);
  EXPECT_EQ(model_.regions[5].rbar, 0x1000U);
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x5U);
  // Back to the first: its regions again, with its own break.
  protection_.configure_for(0, memory(), ram_address + 1024);
  EXPECT_EQ(model_.regions[0].rbar, flash_address);
  EXPECT_EQ(model_.regions[1].rbar, ram_address);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xFCU);
}

TEST_F(MpuMemoryProtectionTest, KeptRegionsFollowEachSlotsLayout) {
  // Each slot's regions are computed once per layout and kept: switching
  // back reuses them, and a moved break or a new process in the slot never
  // gets the slot's earlier regions.
  const ProcessMemory other(flash_address + 0x1000, std::span(flash_),
                            ram_address + 0x1000, std::span(ram_));
  protection_.configure_for(0, memory(), ram_address + 1024);
  protection_.configure_for(1, other, ram_address + 0x1000 + 2048);
  protection_.configure_for(0, memory(), ram_address + 1024);
  EXPECT_EQ(model_.regions[1].rbar, ram_address);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xFCU);
  protection_.configure_for(1, other, ram_address + 0x1000 + 2048);
  EXPECT_EQ(model_.regions[1].rbar, ram_address + 0x1000);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xF0U);
  // Slot 0's break moved while slot 1 ran.
  protection_.configure_for(0, memory(), ram_address + 3072);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xC0U);
  // Another process in slot 0: the flash image of the one in slot 1.
  protection_.configure_for(1, other, ram_address + 0x1000 + 2048);
  const ProcessMemory successor(flash_address + 0x1000, std::span(flash_),
                                ram_address, std::span(ram_));
  protection_.configure_for(0, successor, ram_address + 1024);
  EXPECT_EQ(model_.regions[0].rbar, flash_address + 0x1000);
  EXPECT_EQ(model_.regions[1].rbar, ram_address);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xFCU);
}

TEST_F(MpuMemoryProtectionTest, ASlotOutsideTheTableGetsNoRegion) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  protection_.configure_for(kernel::process::max_processes, memory(),
                            ram_address + 2048);
  for (const MpuRegion &region : model_.regions) {
    EXPECT_EQ(region.rasr, 0U);
  }
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x5U);
}

TEST_F(MpuMemoryProtectionTest, AfterAnInexpressibleLayoutTheNextIsProgrammed) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  protection_.configure_for(0, memory(3072), ram_address + 1024);
  protection_.configure_for(0, memory(), ram_address + 1024);
  EXPECT_EQ(model_.regions[1].rbar, ram_address);
  EXPECT_EQ((model_.regions[1].rasr >> 8) & 0xFFU, 0xFCU);
}

TEST_F(MpuMemoryProtectionTest, AnInexpressibleLayoutGetsNoRegion) {
  protection_.configure_for(0, memory(), ram_address + 1024);
  protection_.configure_for(0, memory(3072), ram_address + 1024);
  for (const MpuRegion &region : model_.regions) {
    EXPECT_EQ(region.rasr, 0U);
  }
  // Still on: the process reaches nothing at all.
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x5U);
}

} // namespace
