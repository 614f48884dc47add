/// The MPU regions of one process: its flash image and its RAM up to the break.
#ifndef ARCH_CORTEX_M_PROCESS_MPU_CONFIG_H
#define ARCH_CORTEX_M_PROCESS_MPU_CONFIG_H

#include "arch/cortex-m/mpu_region.h"

#include <array>
#include <cstdint>
#include <optional>

// A process gets two regions and nothing else: the kernel runs with
// PRIVDEFENA, so every address no region covers faults for the process and
// stays reachable for the kernel. The RAM region covers the process's whole
// RAM block, and its subregions grow the accessible part from the bottom as
// the break moves up (Tock's `allocate_app_memory_region` and
// `update_app_memory_region`); the grant region at the top of the block
// stays behind disabled subregions.

namespace arch::cortex_m {

/// The region that holds a process's flash image.
inline constexpr unsigned flash_region_number = 0;
/// The region that holds a process's RAM. The higher number wins where
/// regions overlap, but `configure_process` refuses overlaps anyway.
inline constexpr unsigned ram_region_number = 1;

/// The MPU programming of one process.
struct ProcessMpuConfig {
  /// Regions `flash_region_number` and `ram_region_number`; the driver
  /// disables every other region.
  std::array<MpuRegion, 2> regions;
  /// The end of the RAM the process can reach: its break rounded up to the
  /// next subregion boundary. The kernel must keep its grants above it.
  Address accessible_ram_end;
  /// Whether both say the same.
  friend constexpr bool operator==(const ProcessMpuConfig &,
                                   const ProcessMpuConfig &) = default;
};

/// Why `configure_process` refused.
enum class ProcessMpuRefusal : std::uint8_t {
  /// The flash image is empty, leaves the address space, or does not start
  /// and end on the subregion boundaries of its covering region (the region
  /// would expose bytes outside the image; pad or align the image).
  flash_not_coverable,
  /// The RAM block is not a valid region (a power of two from 32 bytes,
  /// aligned to its size).
  ram_block_invalid,
  /// The accessible length is larger than the RAM block.
  ram_length_too_long,
  /// The accessible length cannot be expressed with subregions (a block
  /// smaller than 256 bytes has none: only the whole block can be given).
  ram_length_not_expressible,
  /// The flash region and the RAM block overlap.
  regions_overlap,
};

/// A ProcessMpuConfig, or why there is none.
struct ProcessMpuResult {
  /// The configuration; meaningful only without a refusal.
  ProcessMpuConfig config;
  /// Why the process cannot be configured, if it cannot.
  std::optional<ProcessMpuRefusal> refusal;

  /// Whether the process was configured.
  [[nodiscard]] constexpr bool is_ok() const { return !refusal.has_value(); }
};

/// The regions for a process whose flash image is the `flash_size` bytes at
/// `flash_base` (unprivileged read and execute) and whose RAM block is the
/// `ram_size` bytes at `ram_base` (a valid region), of which the first
/// `accessible_ram_length` bytes are the process's (unprivileged read and
/// write, never execute), rounded up to a subregion; the rest of the block,
/// where the kernel keeps the process's grants, stays inaccessible.
[[nodiscard]] constexpr ProcessMpuResult
configure_process(Address flash_base, Length flash_size, Address ram_base,
                  Length ram_size, Length accessible_ram_length) {
  const auto refuse = [](ProcessMpuRefusal why) {
    return ProcessMpuResult{ProcessMpuConfig{}, why};
  };
  const std::optional<MemoryRange> flash =
      covering_region(flash_base, flash_size);
  const std::optional<std::uint8_t> flash_mask =
      flash ? exact_subregion_mask(*flash, flash_base, flash_size)
            : std::nullopt;
  if (!flash_mask) {
    return refuse(ProcessMpuRefusal::flash_not_coverable);
  }
  if (!is_valid_region(ram_base, ram_size)) {
    return refuse(ProcessMpuRefusal::ram_block_invalid);
  }
  if (accessible_ram_length > ram_size) {
    return refuse(ProcessMpuRefusal::ram_length_too_long);
  }
  const std::optional<SubregionLayout> ram_layout =
      subregions_for_length(ram_size, accessible_ram_length);
  if (!ram_layout) {
    return refuse(ProcessMpuRefusal::ram_length_not_expressible);
  }
  // Compared over the whole regions, not only their enabled subregions: a
  // growing break must never reach into the flash region.
  if (Length{flash->base} < Length{ram_base} + ram_size &&
      Length{ram_base} < Length{flash->base} + flash->size) {
    return refuse(ProcessMpuRefusal::regions_overlap);
  }
  const std::optional<MpuRegion> flash_region =
      make_region(flash_region_number, flash->base, flash->size,
                  RegionPermissions::read_only_execute, *flash_mask);
  const std::optional<MpuRegion> ram_region = make_region(
      ram_region_number, ram_base, ram_size,
      RegionPermissions::read_write_no_execute, ram_layout->disable_mask);
  // Both regions are valid after the checks above; this only keeps the
  // function total without trusting that reasoning blindly.
  if (!flash_region || !ram_region) {
    return refuse(ProcessMpuRefusal::flash_not_coverable);
  }
  return ProcessMpuResult{
      ProcessMpuConfig{
          {*flash_region, *ram_region},
          static_cast<Address>(ram_base + ram_layout->accessible_length)},
      std::nullopt};
}

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_PROCESS_MPU_CONFIG_H
