/// DeferredCallTest: deferred calls run once each, lowest entry first.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_DEFERRED_CALL_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_DEFERRED_CALL_TEST_H

#include "boards/qemu-mps2-an386/tests/kernel_test.h"
#include "kernel/deferred_call.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <cstdint>
#include <string_view>

namespace boards::qemu_mps2_an386::tests {

class DeferredCallTest;

/// One deferred call of the test, which reports its runs to the test.
class LEASH_COMPONENT DeferredCallProbe final
    : public kernel::DeferredCallClient {
public:
  /// Probe number `id` of `test`.
  DeferredCallProbe(const DeferredCallTest &test, std::uint32_t id);

  /// Reports the run to the test.
  void handle_deferred_call() const override;

  /// The probe's deferred call.
  [[nodiscard]] const kernel::DeferredCall &call() const { return call_; }

private:
  /// The test.
  const DeferredCallTest &test_;
  /// Which probe.
  const std::uint32_t id_;
  /// The call itself.
  kernel::DeferredCall call_;
};

/// Sets three deferred calls out of order (and one of them twice), and one
/// of them sets itself again from its own handler. Checks that each set runs
/// exactly once, lowest table entry first, including the re-set, and that a
/// fourth call, set last, sees nothing else pending.
class LEASH_COMPONENT DeferredCallTest final : public KernelTest {
public:
  /// The test, with its probes (their calls take consecutive entries).
  DeferredCallTest();

  /// "deferred_calls".
  [[nodiscard]] std::string_view name() const override {
    return "deferred_calls";
  }
  /// Sets the calls.
  void start(const TestReporter &reporter) const override;

  /// Probe `id` ran.
  void probe_ran(std::uint32_t id) const;

private:
  /// The probes' ids (never 0, which the record could not tell from none).
  enum Probe : std::uint32_t { first = 1, second, third, checker };

  /// Checks the record once every expected call has run.
  void check() const;

  /// Three calls, and the one that checks the result.
  DeferredCallProbe first_, second_, third_, checker_;
  /// Who hears the outcome.
  leash::OptionalCell<const TestReporter *> reporter_;
  /// The ids of the probes that ran, one hexadecimal digit each, oldest
  /// highest.
  leash::Cell<std::uint32_t> record_;
  /// Whether the first probe has set itself again already.
  leash::Cell<bool> first_was_reset_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_DEFERRED_CALL_TEST_H
