/// TestRunner: runs the in-kernel tests one after another, then stops.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_TEST_RUNNER_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_TEST_RUNNER_H

#include "boards/qemu-mps2-an386/tests/kernel_test.h"
#include "capsules/mux_alarm.h"
#include "capsules/virtual_alarm.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/time.h"
#include "kernel/kernel.h"

#include <leash/annotations.h>
#include <leash/cell.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// Runs each test of its table in turn, prints "test NAME: ok" or "test
/// NAME: FAILED (detail)", and finally stops the kernel with status 0 if
/// every test passed and 1 otherwise. A test that has not finished after
/// `timeout_milliseconds` fails (the runner's own virtual alarm watches it),
/// so a hang is reported by name instead of running into QEMU's timeout.
class LEASH_COMPONENT TestRunner final : public TestReporter,
                                         public kernel::DeferredCallClient,
                                         public kernel::hil::time::AlarmClient {
public:
  /// How long one test may take.
  static constexpr std::uint32_t timeout_milliseconds = 2000;

  /// A runner for `tests` (a table in static storage) that stops `kernel`;
  /// its watchdog is a virtual alarm of `alarm_mux`.
  TestRunner(std::span<const KernelTest *const> tests,
             const kernel::Kernel &kernel, const capsules::MuxAlarm &alarm_mux);

  /// Starts the first test from the kernel loop.
  void start() const;

  /// Prints the outcome and moves on to the next test.
  void finished(const KernelTest &test, bool passed,
                std::string_view detail) const override;
  /// Starts the next test, or ends the run after the last one.
  void handle_deferred_call() const override;
  /// The watchdog: the current test took too long.
  void alarm_fired() const override;

private:
  /// The test being run, or null after the last.
  [[nodiscard]] const KernelTest *current() const;

  /// The tests, in order.
  const std::span<const KernelTest *const> tests_;
  /// What stops at the end.
  const kernel::Kernel &kernel_;
  /// Starts each test from the kernel loop, never from inside the previous
  /// test's callback.
  kernel::DeferredCall next_test_;
  /// Fires when a test takes too long.
  capsules::VirtualAlarm watchdog_;
  /// The index of the test being run.
  leash::Cell<std::size_t> index_;
  /// Whether the current test is running (has not reported yet).
  leash::Cell<bool> running_;
  /// How many tests failed.
  leash::Cell<std::uint32_t> failures_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_TEST_RUNNER_H
