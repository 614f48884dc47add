/// The deferred-call test: order, coalescing, re-setting from the handler.
#include "boards/qemu-mps2-an386/tests/deferred_call_test.h"

#include "kernel/debug.h"
#include "kernel/number_text.h"

#include <cstdint>

namespace boards::qemu_mps2_an386::tests {

DeferredCallProbe::DeferredCallProbe(const DeferredCallTest &test,
                                     std::uint32_t id)
    : test_(test), id_(id) {
  call_.register_client(*this);
}

void DeferredCallProbe::handle_deferred_call() const { test_.probe_ran(id_); }

DeferredCallTest::DeferredCallTest()
    : first_(*this, first), second_(*this, second), third_(*this, third),
      checker_(*this, checker) {}

void DeferredCallTest::start(const TestReporter &reporter) const {
  reporter_.set(&reporter);
  record_.set(0);
  first_was_reset_.set(false);
  // Out of order, and the first one twice: it must still run once.
  third_.call().set();
  first_.call().set();
  second_.call().set();
  first_.call().set();
  checker_.call().set();
}

void DeferredCallTest::probe_ran(std::uint32_t id) const {
  record_.set((record_.get() << 4) | id);
  if (id == first && !first_was_reset_.get()) {
    first_was_reset_.set(true);
    first_.call().set(); // From its own handler: runs once more.
  }
  if (id == checker) {
    check();
  }
}

void DeferredCallTest::check() const {
  // Lowest entry first: the first probe, then the first probe again (its
  // entry is still the lowest pending), then the second, the third, and the
  // checker last.
  constexpr std::uint32_t expected =
      (first << 16) | (first << 12) | (second << 8) | (third << 4) | checker;
  const bool idle = !first_.call().is_pending() &&
                    !second_.call().is_pending() && !third_.call().is_pending();
  const bool passed = record_.get() == expected && idle;
  if (!passed) {
    kernel::debug::print("deferred_calls: record ");
    kernel::debug::print_line(kernel::hexadecimal(record_.get()).view());
  }
  reporter_.map([this, passed](const TestReporter *reporter) {
    reporter->finished(*this, passed, "wrong order or count of calls");
  });
}

} // namespace boards::qemu_mps2_an386::tests
