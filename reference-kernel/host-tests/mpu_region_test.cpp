/// Tests of the PMSAv7 region arithmetic and of a process's MPU regions.
#include "arch/cortex-m/mpu_region.h"
#include "arch/cortex-m/process_mpu_config.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>

namespace {

using arch::cortex_m::configure_process;
using arch::cortex_m::covering_region;
using arch::cortex_m::disabled_region;
using arch::cortex_m::exact_subregion_mask;
using arch::cortex_m::is_valid_region;
using arch::cortex_m::Length;
using arch::cortex_m::make_region;
using arch::cortex_m::MemoryRange;
using arch::cortex_m::MpuRegion;
using arch::cortex_m::ProcessMpuRefusal;
using arch::cortex_m::RegionPermissions;
using arch::cortex_m::size_field_encoding;
using arch::cortex_m::SubregionLayout;
using arch::cortex_m::subregions_for_length;

constexpr Length KiB = 1024;

// The arithmetic is constexpr: a configuration can be checked at compile
// time, as a board's static processes would be.
static_assert(size_field_encoding(32) == 4U);
static_assert(configure_process(0x00200000, 4 * KiB, 0x20010000, 8 * KiB,
                                1 * KiB)
                  .is_ok());

TEST(MpuRegion, SizeFieldIsLogTwoMinusOne) {
  EXPECT_EQ(size_field_encoding(32), 4U);
  EXPECT_EQ(size_field_encoding(64), 5U);
  EXPECT_EQ(size_field_encoding(256), 7U);
  EXPECT_EQ(size_field_encoding(1 * KiB), 9U);
  EXPECT_EQ(size_field_encoding(4 * KiB * KiB), 21U);
  EXPECT_EQ(size_field_encoding(Length{1} << 31), 30U);
  EXPECT_EQ(size_field_encoding(Length{1} << 32), 31U);
  for (unsigned log2 = 5; log2 <= 32; ++log2) {
    EXPECT_EQ(size_field_encoding(Length{1} << log2), log2 - 1) << log2;
  }
}

TEST(MpuRegion, SizeFieldRefusesUnsupportedSizes) {
  EXPECT_EQ(size_field_encoding(0), std::nullopt);
  EXPECT_EQ(size_field_encoding(16), std::nullopt);
  EXPECT_EQ(size_field_encoding(31), std::nullopt);
  EXPECT_EQ(size_field_encoding(48), std::nullopt);
  EXPECT_EQ(size_field_encoding(3 * KiB), std::nullopt);
  EXPECT_EQ(size_field_encoding(Length{1} << 33), std::nullopt);
}

TEST(MpuRegion, ValidRegionsAreAlignedPowersOfTwo) {
  EXPECT_TRUE(is_valid_region(0x20000000, 32));
  EXPECT_TRUE(is_valid_region(0x20000100, 256));
  EXPECT_TRUE(is_valid_region(0x20010000, 64 * KiB));
  EXPECT_TRUE(is_valid_region(0, Length{1} << 32));
  EXPECT_FALSE(is_valid_region(0x20000080, 256)) << "unaligned base";
  EXPECT_FALSE(is_valid_region(0x20000010, 32)) << "unaligned base";
  EXPECT_FALSE(is_valid_region(0x20000000, 16)) << "too small";
  EXPECT_FALSE(is_valid_region(0x20000000, 96)) << "not a power of two";
  EXPECT_FALSE(is_valid_region(0x20000000, 0));
  EXPECT_FALSE(is_valid_region(0x80000000, Length{1} << 32));
}

TEST(MpuRegion, CoveringRegionIsTheSmallestAlignedOne) {
  EXPECT_EQ(covering_region(0x20000000, 1), (MemoryRange{0x20000000, 32}));
  EXPECT_EQ(covering_region(0x20000000, 32), (MemoryRange{0x20000000, 32}));
  EXPECT_EQ(covering_region(0x20000000, 33), (MemoryRange{0x20000000, 64}));
  EXPECT_EQ(covering_region(0x20000000, 3 * KiB),
            (MemoryRange{0x20000000, 4 * KiB}));
  // Crossing a boundary needs a region aligned below both ends.
  EXPECT_EQ(covering_region(0x200000F0, 0x20), (MemoryRange{0x20000000, 512}));
  EXPECT_EQ(covering_region(0x20001000, 4 * KiB),
            (MemoryRange{0x20001000, 4 * KiB}));
  EXPECT_EQ(covering_region(0x20001000, 4 * KiB + 1),
            (MemoryRange{0x20000000, 16 * KiB}));
  EXPECT_EQ(covering_region(0x7FFFFFFF, 2), (MemoryRange{0, Length{1} << 32}));
  EXPECT_EQ(covering_region(0xFFFFFFE0, 32), (MemoryRange{0xFFFFFFE0, 32}));
}

TEST(MpuRegion, CoveringRegionRefusesEmptyAndOverflowingRanges) {
  EXPECT_EQ(covering_region(0x20000000, 0), std::nullopt);
  EXPECT_EQ(covering_region(0xFFFFFFF0, 0x20), std::nullopt);
}

TEST(MpuRegion, CoveringRegionAlwaysContainsTheRange) {
  for (std::uint32_t start = 0x20000000; start < 0x20000400; start += 12) {
    for (Length length = 1; length < 3000; length += 37) {
      const auto region = covering_region(start, length);
      ASSERT_TRUE(region.has_value());
      EXPECT_TRUE(is_valid_region(region->base, region->size));
      EXPECT_LE(region->base, start);
      EXPECT_GE(Length{region->base} + region->size, Length{start} + length);
      // Half the size would not do.
      const Length half = region->size / 2;
      const Length half_base = Length{start} - Length{start} % half;
      EXPECT_TRUE(half < 32 || half_base + half < Length{start} + length);
    }
  }
}

TEST(MpuRegion, SubregionsEnableTheFirstCeilingOfLengthOverAnEighth) {
  constexpr Length size = 8 * KiB; // Subregions of 1 KiB.
  EXPECT_EQ(subregions_for_length(size, 0), (SubregionLayout{0xFF, 0}));
  EXPECT_EQ(subregions_for_length(size, 1), (SubregionLayout{0xFE, 1 * KiB}));
  EXPECT_EQ(subregions_for_length(size, 1 * KiB),
            (SubregionLayout{0xFE, 1 * KiB}));
  EXPECT_EQ(subregions_for_length(size, 1 * KiB + 1),
            (SubregionLayout{0xFC, 2 * KiB}));
  EXPECT_EQ(subregions_for_length(size, 7 * KiB),
            (SubregionLayout{0x80, 7 * KiB}));
  EXPECT_EQ(subregions_for_length(size, 7 * KiB + 1),
            (SubregionLayout{0x00, 8 * KiB}));
  EXPECT_EQ(subregions_for_length(size, size), (SubregionLayout{0x00, size}));
  EXPECT_EQ(subregions_for_length(256, 33), (SubregionLayout{0xFC, 64}));
}

TEST(MpuRegion, SubregionMaskMatchesTheRoundedLengthForEveryLength) {
  for (Length size : {Length{256}, 4 * KiB, 64 * KiB}) {
    const Length subregion = size / 8;
    for (Length length = 0; length <= size; length += size / 64 + 3) {
      const auto layout = subregions_for_length(size, length);
      ASSERT_TRUE(layout.has_value()) << size << " " << length;
      const Length enabled = (length + subregion - 1) / subregion;
      EXPECT_EQ(layout->accessible_length, enabled * subregion);
      EXPECT_GE(layout->accessible_length, length);
      EXPECT_LT(layout->accessible_length, length + subregion);
      for (unsigned bit = 0; bit < 8; ++bit) {
        const bool disabled = ((layout->disable_mask >> bit) & 1U) != 0;
        EXPECT_EQ(disabled, bit >= enabled) << size << " " << length;
      }
    }
  }
}

TEST(MpuRegion, SubregionsRefuseWhatCannotBeExpressed) {
  // Below 256 bytes there are no subregions: only the whole region.
  EXPECT_EQ(subregions_for_length(128, 64), std::nullopt);
  EXPECT_EQ(subregions_for_length(128, 0), std::nullopt);
  EXPECT_EQ(subregions_for_length(128, 128), (SubregionLayout{0, 128}));
  EXPECT_EQ(subregions_for_length(32, 32), (SubregionLayout{0, 32}));
  EXPECT_EQ(subregions_for_length(1 * KiB, 1 * KiB + 1), std::nullopt);
  EXPECT_EQ(subregions_for_length(3 * KiB, 1 * KiB), std::nullopt);
  EXPECT_EQ(subregions_for_length(16, 16), std::nullopt);
}

TEST(MpuRegion, ExactMaskCoversOnlyWholeSubregionRuns) {
  const MemoryRange region{0x00200000, 8 * KiB};
  EXPECT_EQ(exact_subregion_mask(region, 0x00200000, 8 * KiB), 0x00);
  EXPECT_EQ(exact_subregion_mask(region, 0x00200000, 3 * KiB), 0xF8);
  EXPECT_EQ(exact_subregion_mask(region, 0x00200400, 2 * KiB), 0xF9);
  EXPECT_EQ(exact_subregion_mask(region, 0x00201C00, 1 * KiB), 0x7F);
  EXPECT_EQ(exact_subregion_mask(region, 0x00200000, 3 * KiB + 4),
            std::nullopt);
  EXPECT_EQ(exact_subregion_mask(region, 0x00200004, 1 * KiB), std::nullopt);
  EXPECT_EQ(exact_subregion_mask(region, 0x00200000, 0), std::nullopt);
  EXPECT_EQ(exact_subregion_mask(region, 0x001FFC00, 2 * KiB), std::nullopt);
  EXPECT_EQ(exact_subregion_mask(region, 0x00201C00, 2 * KiB), std::nullopt);
  EXPECT_EQ(exact_subregion_mask(MemoryRange{0x00200000, 128}, 0x00200000, 64),
            std::nullopt);
}

TEST(MpuRegion, FlashRegionIsUnprivilegedReadOnlyExecutable) {
  const auto region = make_region(0, 0x00200000, 16 * KiB,
                                  RegionPermissions::read_only_execute, 0x00);
  ASSERT_TRUE(region.has_value());
  // ADDR | VALID | REGION 0.
  EXPECT_EQ(region->rbar, 0x00200000U | 0x10U);
  // XN 0, AP 010, TEX 000, S 0, C 1, B 0, SRD 0, SIZE 13, ENABLE.
  EXPECT_EQ(region->rasr, (0b010U << 24) | (1U << 17) | (13U << 1) | 1U);
}

TEST(MpuRegion, RamRegionIsReadWriteNeverExecute) {
  const auto region = make_region(
      1, 0x20010000, 8 * KiB, RegionPermissions::read_write_no_execute, 0xF0);
  ASSERT_TRUE(region.has_value());
  EXPECT_EQ(region->rbar, 0x20010000U | 0x10U | 1U);
  // XN 1, AP 011, TEX 000, S 1, C 1, B 0, SRD F0, SIZE 12, ENABLE.
  EXPECT_EQ(region->rasr, (1U << 28) | (0b011U << 24) | (1U << 18) |
                              (1U << 17) | (0xF0U << 8) | (12U << 1) | 1U);
}

TEST(MpuRegion, NoAccessRegionKeepsThePrivilegedMap) {
  const auto region =
      make_region(7, 0x20300000, 32, RegionPermissions::none, 0x00);
  ASSERT_TRUE(region.has_value());
  EXPECT_EQ(region->rbar, 0x20300000U | 0x10U | 7U);
  // XN 1, AP 001 (privileged read/write only), S 1, C 1, SIZE 4, ENABLE.
  EXPECT_EQ(region->rasr, (1U << 28) | (0b001U << 24) | (1U << 18) |
                              (1U << 17) | (4U << 1) | 1U);
}

TEST(MpuRegion, WholeAddressSpaceRegion) {
  const auto region = make_region(2, 0, Length{1} << 32,
                                  RegionPermissions::read_write_no_execute, 0);
  ASSERT_TRUE(region.has_value());
  EXPECT_EQ(region->rbar, 0x12U);
  EXPECT_EQ((region->rasr >> 1) & 0x1FU, 31U);
}

TEST(MpuRegion, MakeRegionRefusesInvalidRegions) {
  const auto permissions = RegionPermissions::read_write_no_execute;
  EXPECT_EQ(make_region(0, 0x20000080, 256, permissions, 0), std::nullopt);
  EXPECT_EQ(make_region(0, 0x20000000, 16, permissions, 0), std::nullopt);
  EXPECT_EQ(make_region(0, 0x20000000, 768, permissions, 0), std::nullopt);
  EXPECT_EQ(make_region(8, 0x20000000, 256, permissions, 0), std::nullopt);
}

TEST(MpuRegion, DisabledRegionNamesItsNumberAndEnablesNothing) {
  EXPECT_EQ(disabled_region(0), (MpuRegion{0x10, 0}));
  EXPECT_EQ(disabled_region(5), (MpuRegion{0x15, 0}));
}

TEST(ProcessMpuConfig, FlashAndRamUpToTheRoundedBreak) {
  // Flash: 12 KiB image in a 16 KiB region (subregions of 2 KiB).
  // RAM: a 16 KiB block of which the process has 5000 bytes, so 3 of the 8
  // subregions (6 KiB); the grant region at the top stays off.
  const auto result =
      configure_process(0x00200000, 12 * KiB, 0x20010000, 16 * KiB, 5000);
  ASSERT_TRUE(result.is_ok());
  const auto &config = result.config;
  EXPECT_EQ(config.regions[0].rbar, 0x00200000U | 0x10U);
  EXPECT_EQ(config.regions[0].rasr,
            (0b010U << 24) | (1U << 17) | (0xC0U << 8) | (13U << 1) | 1U);
  EXPECT_EQ(config.regions[1].rbar, 0x20010000U | 0x10U | 1U);
  EXPECT_EQ(config.regions[1].rasr, (1U << 28) | (0b011U << 24) | (1U << 18) |
                                        (1U << 17) | (0xF8U << 8) | (13U << 1) |
                                        1U);
  EXPECT_EQ(config.accessible_ram_end, 0x20010000U + 6 * KiB);
}

TEST(ProcessMpuConfig, ZeroAndFullRamLengths) {
  const auto none =
      configure_process(0x00200000, 4 * KiB, 0x20010000, 4 * KiB, 0);
  ASSERT_TRUE(none.is_ok());
  EXPECT_EQ((none.config.regions[1].rasr >> 8) & 0xFFU, 0xFFU);
  EXPECT_EQ(none.config.accessible_ram_end, 0x20010000U);
  const auto full =
      configure_process(0x00200000, 4 * KiB, 0x20010000, 4 * KiB, 4 * KiB);
  ASSERT_TRUE(full.is_ok());
  EXPECT_EQ((full.config.regions[1].rasr >> 8) & 0xFFU, 0x00U);
  EXPECT_EQ(full.config.accessible_ram_end, 0x20011000U);
}

TEST(ProcessMpuConfig, Refusals) {
  const auto refusal = [](std::uint32_t flash_base, Length flash_size,
                          std::uint32_t ram_base, Length ram_size,
                          Length length) {
    return configure_process(flash_base, flash_size, ram_base, ram_size, length)
        .refusal;
  };
  EXPECT_EQ(refusal(0x00200000, 0, 0x20010000, 4 * KiB, 0),
            ProcessMpuRefusal::flash_not_coverable);
  EXPECT_EQ(refusal(0x00200000, 3 * KiB + 4, 0x20010000, 4 * KiB, 0),
            ProcessMpuRefusal::flash_not_coverable);
  EXPECT_EQ(refusal(0x00200000, 4 * KiB, 0x20010800, 4 * KiB, 0),
            ProcessMpuRefusal::ram_block_invalid);
  EXPECT_EQ(refusal(0x00200000, 4 * KiB, 0x20010000, 3 * KiB, 0),
            ProcessMpuRefusal::ram_block_invalid);
  EXPECT_EQ(refusal(0x00200000, 4 * KiB, 0x20010000, 16, 16),
            ProcessMpuRefusal::ram_block_invalid);
  EXPECT_EQ(refusal(0x00200000, 4 * KiB, 0x20010000, 4 * KiB, 4 * KiB + 1),
            ProcessMpuRefusal::ram_length_too_long);
  EXPECT_EQ(refusal(0x00200000, 4 * KiB, 0x20010000, 128, 64),
            ProcessMpuRefusal::ram_length_not_expressible);
  EXPECT_EQ(refusal(0x20010000, 1 * KiB, 0x20010000, 4 * KiB, 0),
            ProcessMpuRefusal::regions_overlap);
  EXPECT_EQ(refusal(0x00200000, 4 * KiB, 0x20010000, 128, 128), std::nullopt);
}

} // namespace
