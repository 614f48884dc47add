/// The MPU test: region count, read-back, and the kernel running under it.
#include "boards/qemu-mps2-an386/tests/mpu_test.h"

#include "arch/cortex-m/mpu_region.h"
#include "arch/cortex-m/process_mpu_config.h"

#include <cstdint>
#include <optional>

namespace boards::qemu_mps2_an386::tests {
namespace {

using arch::cortex_m::MpuRegion;

/// A process as the process code will lay one out: a 16 KiB flash image in
/// the second image's area and an 8 KiB RAM block high in SRAM, of which
/// 3000 bytes are the process's (3 of 8 subregions of 1 KiB).
constexpr auto process = arch::cortex_m::configure_process(
    0x00200000, 16 * 1024, 0x20300000, 8 * 1024, 3000);
static_assert(process.is_ok());
static_assert(process.config.accessible_ram_end == 0x20300C00);

/// The region the kernel's RAM (all of SRAM: data, stack, the test objects)
/// lies in, forbidden to unprivileged code: the kernel must keep reading and
/// writing it (AP = 001), or this test never gets to report.
constexpr unsigned kernel_ram_region_number = 7;

/// Whether the MPU's eight regions hold `config`'s regions and nothing else.
bool reads_back(const arch::cortex_m::Mpu &mpu,
                const arch::cortex_m::ProcessMpuConfig &config) {
  for (unsigned number = 0; number < 8; ++number) {
    const MpuRegion read = mpu.read_region(number);
    bool configured = false;
    for (const MpuRegion &expected : config.regions) {
      if ((expected.rbar & 0xFU) == number) {
        configured = true;
        // RBAR reads back with VALID clear.
        if (read.rbar != (expected.rbar & ~0x10U) ||
            read.rasr != expected.rasr) {
          return false;
        }
      }
    }
    // An unused region's address is whatever was last written there; only
    // its RASR must be zero.
    if (!configured && read.rasr != 0) {
      return false;
    }
  }
  return true;
}

} // namespace

void MpuTest::start(const TestReporter &reporter) const {
  const std::string_view failure = check();
  mpu_.disable();
  mpu_.clear();
  reporter.finished(*this, failure.empty(), failure);
}

std::string_view MpuTest::check() const {
  if (mpu_.region_count() != 8) {
    return "MPU_TYPE.DREGION is not 8";
  }
  mpu_.apply(process.config);
  if (!reads_back(mpu_, process.config)) {
    return "a process region reads back differently";
  }
  const std::optional<MpuRegion> kernel_ram = arch::cortex_m::make_region(
      kernel_ram_region_number, 0x20000000, 4 * 1024 * 1024,
      arch::cortex_m::RegionPermissions::none, 0);
  if (!kernel_ram) {
    return "no region for the kernel's RAM";
  }
  // The flash region and the kernel's RAM region; apply() must clear region
  // 1, the process's RAM, since this configuration does not name it.
  const arch::cortex_m::ProcessMpuConfig with_kernel_ram{
      {process.config.regions[0], *kernel_ram}, 0};
  mpu_.apply(with_kernel_ram);
  mpu_.enable();
  // From here on, every access of the kernel to its RAM and every fetch of
  // its code goes through the MPU: reaching the checks below is the test.
  if (!reads_back(mpu_, with_kernel_ram)) {
    return "the kernel's RAM region reads back differently";
  }
  return {};
}

} // namespace boards::qemu_mps2_an386::tests
