/// The kernel's memory protection on the Cortex-M MPU: breaks rounded to
/// subregions, two regions per process, computed once per layout.
#include "arch/cortex-m/mpu_memory_protection.h"

#include "arch/cortex-m/process_mpu_config.h"

#include <cstdint>
#include <optional>

namespace arch::cortex_m {
namespace {

/// `layout`'s regions, or why there are none (a break outside the RAM block
/// is refused as too long).
ProcessMpuResult regions_for(const ProcessLayout &layout) {
  if (layout.app_break < layout.ram_start ||
      layout.app_break > layout.ram_end) {
    return ProcessMpuResult{ProcessMpuConfig{},
                            ProcessMpuRefusal::ram_length_too_long};
  }
  return configure_process(layout.flash_start,
                           layout.flash_end - layout.flash_start,
                           layout.ram_start, layout.ram_end - layout.ram_start,
                           layout.app_break - layout.ram_start);
}

} // namespace

std::optional<std::uint32_t> MpuMemoryProtection::enforceable_break(
    const kernel::process::ProcessMemory &memory,
    std::uint32_t requested) const {
  const ProcessMpuResult result =
      regions_for(ProcessLayout::of(memory, requested));
  if (!result.is_ok()) {
    return std::nullopt;
  }
  return result.config.accessible_ram_end;
}

void MpuMemoryProtection::configure_for(
    std::size_t slot, const kernel::process::ProcessMemory &memory,
    std::uint32_t app_break) const {
  const ProcessLayout wanted = ProcessLayout::of(memory, app_break);
  if (programmed_.contains(wanted)) {
    return; // Writing the same regions again costs more than the rest of a
            // slice switch.
  }
  reprogram(slot, wanted);
}

void MpuMemoryProtection::reprogram(std::size_t slot,
                                    const ProcessLayout &wanted) const {
  const bool programmed =
      slot < kernel::process::max_processes &&
      computed_.map_or(false, [this, slot, &wanted](auto &slots) {
        std::optional<SlotRegions> &kept = slots[slot];
        if (!kept || kept->layout != wanted) {
          const ProcessMpuResult result = regions_for(wanted);
          if (!result.is_ok()) {
            return false;
          }
          kept = SlotRegions{wanted, result.config};
        }
        program(kept->config);
        return true;
      });
  if (programmed) {
    programmed_.set(wanted);
  } else {
    mpu_.clear();
    programmed_.clear();
    mpu_.enable();
  }
}

void MpuMemoryProtection::program(const ProcessMpuConfig &config) const {
  if (programmed_.is_some()) {
    // Another process's regions, every other region off, the MPU on: only
    // the process's own regions change.
    mpu_.replace(config);
  } else {
    mpu_.apply(config);
    mpu_.enable();
  }
}

} // namespace arch::cortex_m
