/// The kernel's memory protection on the Cortex-M MPU: breaks rounded to
/// subregions, two regions per process.
#include "arch/cortex-m/mpu_memory_protection.h"

#include "arch/cortex-m/process_mpu_config.h"

#include <cstdint>
#include <optional>

namespace arch::cortex_m {
namespace {

/// `memory`'s regions with its break at `app_break`, or why there are none
/// (a break outside the RAM block is refused as too long).
ProcessMpuResult regions_for(const kernel::process::ProcessMemory &memory,
                             std::uint32_t app_break) {
  if (app_break < memory.ram_start() || app_break > memory.ram_end()) {
    return ProcessMpuResult{ProcessMpuConfig{},
                            ProcessMpuRefusal::ram_length_too_long};
  }
  return configure_process(
      memory.flash_start(), memory.flash_end() - memory.flash_start(),
      memory.ram_start(), memory.ram_end() - memory.ram_start(),
      app_break - memory.ram_start());
}

} // namespace

std::optional<std::uint32_t> MpuMemoryProtection::enforceable_break(
    const kernel::process::ProcessMemory &memory,
    std::uint32_t requested) const {
  const ProcessMpuResult result = regions_for(memory, requested);
  if (!result.is_ok()) {
    return std::nullopt;
  }
  return result.config.accessible_ram_end;
}

void MpuMemoryProtection::configure_for(
    const kernel::process::ProcessMemory &memory,
    std::uint32_t app_break) const {
  const Programmed wanted{.flash_start = memory.flash_start(),
                          .ram_start = memory.ram_start(),
                          .ram_end = memory.ram_end(),
                          .app_break = app_break};
  if (programmed_.contains(wanted)) {
    return; // Computing and writing the same regions again costs more than
            // the rest of a slice switch.
  }
  const ProcessMpuResult result = regions_for(memory, app_break);
  if (!result.is_ok()) {
    mpu_.clear();
    programmed_.clear();
    mpu_.enable();
  } else if (programmed_.is_some()) {
    // Another process's regions, every other region off, the MPU on: only
    // the process's own regions change.
    mpu_.replace(result.config);
    programmed_.set(wanted);
  } else {
    mpu_.apply(result.config);
    programmed_.set(wanted);
    mpu_.enable();
  }
}

} // namespace arch::cortex_m
