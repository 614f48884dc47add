/// The test runner: sequencing, outcome lines, the watchdog, the summary.
#include "boards/qemu-mps2-an386/tests/test_runner.h"

#include "kernel/debug.h"
#include "kernel/number_text.h"

#include <leash/numeric_cell.h>

#include <cstddef>

namespace boards::qemu_mps2_an386::tests {

TestRunner::TestRunner(std::span<const KernelTest *const> tests,
                       const kernel::Kernel &kernel,
                       const capsules::MuxAlarm &alarm_mux)
    : tests_(tests), kernel_(kernel), watchdog_(alarm_mux) {
  next_test_.register_client(*this);
  watchdog_.set_alarm_client(*this);
}

void TestRunner::start() const {
  index_.set(0);
  running_.set(false);
  next_test_.set();
}

const KernelTest *TestRunner::current() const {
  const std::size_t index = index_.get();
  return index < tests_.size() ? tests_[index] : nullptr;
}

void TestRunner::handle_deferred_call() const {
  const KernelTest *test = current();
  if (test == nullptr) {
    const std::uint32_t failures = failures_.get();
    kernel::debug::print("kernel tests: ");
    kernel::debug::print(
        kernel::decimal(static_cast<std::uint32_t>(tests_.size()) - failures)
            .view());
    kernel::debug::print(" passed, ");
    kernel::debug::print(kernel::decimal(failures).view());
    kernel::debug::print_line(" failed");
    kernel_.stop(failures == 0 ? 0 : 1);
    return;
  }
  running_.set(true);
  watchdog_.set_alarm(watchdog_.now(),
                      kernel::hil::time::ticks_from_milliseconds(
                          watchdog_.frequency_hz(), timeout_milliseconds));
  test->start(*this);
}

void TestRunner::finished(const KernelTest &test, bool passed,
                          std::string_view detail) const {
  if (!running_.get() || current() != &test) {
    return; // A late or repeated report.
  }
  running_.set(false);
  watchdog_.disarm();
  kernel::debug::print("test ");
  kernel::debug::print(test.name());
  if (passed) {
    kernel::debug::print_line(": ok");
  } else {
    leash::increment(failures_);
    kernel::debug::print(": FAILED (");
    kernel::debug::print(detail);
    kernel::debug::print_line(")");
  }
  leash::increment(index_);
  next_test_.set();
}

void TestRunner::alarm_fired() const {
  const KernelTest *test = current();
  if (running_.get() && test != nullptr) {
    finished(*test, false, "timed out");
  }
}

} // namespace boards::qemu_mps2_an386::tests
