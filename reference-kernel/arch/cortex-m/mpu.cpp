/// The MPU driver's operations; portable, so host tests run them against a
/// register-level model of the MPU.
#include "arch/cortex-m/mpu.h"

#include <cstddef>
#include <cstdint>

namespace arch::cortex_m {
namespace {

static_assert(offsetof(MpuRegisters, attributes) == 0x10);
static_assert(offsetof(MpuRegisters, aliases) == 0x14);
static_assert(sizeof(MpuRegisters) == 0x2C);

} // namespace

unsigned Mpu::region_count() const {
  return registers_.type.read(MpuType::data_regions);
}

void Mpu::enable() const {
  registers_.control.write(MpuControl::enable.set() |
                           MpuControl::privileged_default_map.set());
  synchronize_memory_map();
}

void Mpu::disable() const {
  registers_.control.write(MpuControl::enable.clear());
  synchronize_memory_map();
}

void Mpu::apply(const ProcessMpuConfig &config) const {
  // Every region is rewritten, so nothing of the previous process survives.
  // RBAR goes first: its VALID bit selects the region the RASR write then
  // reaches (Tock does the same).
  const unsigned count = region_count();
  for (unsigned number = 0; number < count; ++number) {
    MpuRegion region = disabled_region(number);
    for (const MpuRegion &configured : config.regions) {
      if (RegionBaseAddress::region.extract(configured.rbar) == number) {
        region = configured;
      }
    }
    write(region);
  }
  synchronize_memory_map();
}

void Mpu::replace(const ProcessMpuConfig &config) const {
  for (const MpuRegion &region : config.regions) {
    write(region);
  }
  synchronize_memory_map();
}

void Mpu::clear() const {
  const unsigned count = region_count();
  for (unsigned number = 0; number < count; ++number) {
    write(disabled_region(number));
  }
  synchronize_memory_map();
}

MpuRegion Mpu::read_region(unsigned number) const {
  registers_.region_number.write(MpuRegionNumber::region.value(number));
  return MpuRegion{registers_.base_address.get(), registers_.attributes.get()};
}

void Mpu::write(MpuRegion region) const {
  registers_.base_address.set(region.rbar);
  registers_.attributes.set(region.rasr);
}

} // namespace arch::cortex_m
