/// MpuTest: the MPU has 8 regions, and what the driver writes reads back.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_MPU_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_MPU_TEST_H

#include "arch/cortex-m/mpu.h"
#include "boards/qemu-mps2-an386/tests/kernel_test.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// Checks MPU_TYPE, programs a process's regions and a region that the
/// kernel's own RAM lies in (no access for unprivileged code), reads them
/// back, and runs with the MPU on for a moment: the kernel, privileged, must
/// keep its default map. It never leaves privileged mode (processes will).
class LEASH_COMPONENT MpuTest final : public KernelTest {
public:
  /// The test of `mpu`.
  explicit MpuTest(const arch::cortex_m::Mpu &mpu) : mpu_(mpu) {}

  /// "mpu".
  [[nodiscard]] std::string_view name() const override { return "mpu"; }
  /// Runs the whole test at once, and leaves the MPU off and cleared.
  void start(const TestReporter &reporter) const override;

private:
  /// What went wrong, or an empty view.
  [[nodiscard]] std::string_view check() const;

  /// The driver under test.
  const arch::cortex_m::Mpu &mpu_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_MPU_TEST_H
