/// SystemTickTest: SysTick counts down on the processor clock and wraps.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_SYSTEM_TICK_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_SYSTEM_TICK_TEST_H

#include "arch/cortex-m/system_tick.h"
#include "boards/qemu-mps2-an386/tests/kernel_test.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// Starts SysTick, watches its count go down, then starts it with a short
/// reload and watches for the wrap flag.
class LEASH_COMPONENT SystemTickTest final : public KernelTest {
public:
  /// The test of `system_tick`.
  explicit SystemTickTest(const arch::cortex_m::SystemTick &system_tick)
      : system_tick_(system_tick) {}

  /// "system_tick".
  [[nodiscard]] std::string_view name() const override { return "system_tick"; }
  /// Runs the whole test at once (a few thousand cycles of busy waiting).
  void start(const TestReporter &reporter) const override;

private:
  /// The driver under test.
  const arch::cortex_m::SystemTick &system_tick_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_SYSTEM_TICK_TEST_H
