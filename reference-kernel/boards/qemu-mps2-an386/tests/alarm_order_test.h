/// AlarmOrderTest: virtual alarms fire in expiry order, across the tick wrap.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_ALARM_ORDER_TEST_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_ALARM_ORDER_TEST_H

#include "boards/qemu-mps2-an386/tests/kernel_test.h"
#include "capsules/mux_alarm.h"
#include "capsules/virtual_alarm.h"
#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <cstdint>
#include <string_view>

namespace boards::qemu_mps2_an386::tests {

class AlarmOrderTest;

/// One virtual alarm of the test, which reports its expiry to the test.
class LEASH_COMPONENT AlarmProbe final : public kernel::hil::time::AlarmClient {
public:
  /// Probe number `id` of `test`, with a virtual alarm of `mux`.
  AlarmProbe(const AlarmOrderTest &test, const capsules::MuxAlarm &mux,
             std::uint32_t id);

  /// Reports the expiry to the test.
  void alarm_fired() const override;

  /// Sets the probe's alarm and remembers its moment, to check it later.
  void set(kernel::hil::time::Ticks reference,
           kernel::hil::time::Ticks dt) const;

  /// Whether the alarm fired at or after its moment (not early).
  [[nodiscard]] bool was_on_time() const;

  /// The probe's virtual alarm.
  [[nodiscard]] const capsules::VirtualAlarm &alarm() const { return alarm_; }

private:
  /// The test.
  const AlarmOrderTest &test_;
  /// Which probe.
  const std::uint32_t id_;
  /// The probe's alarm.
  capsules::VirtualAlarm alarm_;
  /// The reference of the last setting.
  leash::Cell<kernel::hil::time::Ticks> reference_;
  /// The dt of the last setting.
  leash::Cell<kernel::hil::time::Ticks> dt_;
  /// Whether the last expiry came early.
  leash::Cell<bool> early_;
};

/// Seven virtual alarms on one hardware alarm. The test first waits until
/// the counter is 2 ms before its 32-bit wrap, then sets four alarms against
/// one reference at 1, 2, 3 and 4 ms, and a fifth at 2.5 ms. From the
/// callbacks: the 1 ms alarm sets a new alarm 0.5 ms after its own expiry,
/// the 2 ms alarm disarms the 2.5 ms one, and the 3 ms alarm sets itself
/// again 2 ms after its expiry. Expected firing order: 1, 1.5, 2, 3, 4, 5 ms
/// (also when the kernel loop is late and several are due at once), with no
/// alarm early, the disarmed one silent, and the counter wrapped meanwhile.
class LEASH_COMPONENT AlarmOrderTest final : public KernelTest {
public:
  /// The test over `mux`.
  explicit AlarmOrderTest(const capsules::MuxAlarm &mux);

  /// "alarm_order".
  [[nodiscard]] std::string_view name() const override { return "alarm_order"; }
  /// Waits for the moment before the wrap.
  void start(const TestReporter &reporter) const override;

  /// Probe `id`'s alarm fired.
  void probe_fired(std::uint32_t id) const;

private:
  /// The probes' ids (never 0, which the record could not tell from none).
  enum Probe : std::uint32_t {
    one_ms = 1,
    two_ms,
    three_ms,
    four_ms,
    set_from_callback,
    disarmed_from_callback,
    before_wrap,
  };

  /// Sets the ordered alarms (the counter is 2 ms before the wrap).
  void set_alarms() const;
  /// Checks the record after the last expected alarm.
  void check() const;
  /// `milliseconds` in ticks.
  [[nodiscard]] kernel::hil::time::Ticks
  ticks(std::uint32_t milliseconds) const;

  /// The probes.
  AlarmProbe one_ms_, two_ms_, three_ms_, four_ms_, set_from_callback_,
      disarmed_from_callback_, before_wrap_;
  /// Who hears the outcome.
  leash::OptionalCell<const TestReporter *> reporter_;
  /// The ids of the probes that fired, one hexadecimal digit each.
  leash::Cell<std::uint32_t> record_;
  /// How many probes fired (after the wait before the wrap).
  leash::Cell<std::uint32_t> fired_count_;
  /// Whether the 3 ms alarm has set itself again.
  leash::Cell<bool> three_ms_was_reset_;
  /// The counter when the test started (well before the wrap).
  leash::Cell<kernel::hil::time::Ticks> start_ticks_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_ALARM_ORDER_TEST_H
