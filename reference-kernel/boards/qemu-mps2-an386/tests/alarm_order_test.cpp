/// The alarm-order test: expiry order, callbacks that set alarms, the wrap.
#include "boards/qemu-mps2-an386/tests/alarm_order_test.h"

#include "kernel/debug.h"
#include "kernel/number_text.h"

#include <leash/numeric_cell.h>

#include <cstdint>

namespace boards::qemu_mps2_an386::tests {

using kernel::hil::time::Ticks;

AlarmProbe::AlarmProbe(const AlarmOrderTest &test,
                       const capsules::MuxAlarm &mux, std::uint32_t id)
    : test_(test), id_(id), alarm_(mux) {
  alarm_.set_alarm_client(*this);
}

void AlarmProbe::set(Ticks reference, Ticks dt) const {
  reference_.set(reference);
  dt_.set(dt);
  early_.set(false);
  alarm_.set_alarm(reference, dt);
}

void AlarmProbe::alarm_fired() const {
  const auto elapsed = static_cast<Ticks>(alarm_.now() - reference_.get());
  early_.set(elapsed < dt_.get());
  test_.probe_fired(id_);
}

bool AlarmProbe::was_on_time() const { return !early_.get(); }

AlarmOrderTest::AlarmOrderTest(const capsules::MuxAlarm &mux)
    : one_ms_(*this, mux, one_ms), two_ms_(*this, mux, two_ms),
      three_ms_(*this, mux, three_ms), four_ms_(*this, mux, four_ms),
      set_from_callback_(*this, mux, set_from_callback),
      disarmed_from_callback_(*this, mux, disarmed_from_callback),
      before_wrap_(*this, mux, before_wrap) {}

Ticks AlarmOrderTest::ticks(std::uint32_t milliseconds) const {
  return kernel::hil::time::ticks_from_milliseconds(
      one_ms_.alarm().frequency_hz(), milliseconds);
}

void AlarmOrderTest::start(const TestReporter &reporter) const {
  reporter_.set(&reporter);
  record_.set(0);
  fired_count_.set(0);
  three_ms_was_reset_.set(false);
  // Wait until 2 ms before the wrap (the board starts the counter well
  // before it), so that the alarms below straddle the wrap.
  const Ticks now = before_wrap_.alarm().now();
  start_ticks_.set(now);
  const auto moment = static_cast<Ticks>(0U - ticks(2));
  before_wrap_.set(now, static_cast<Ticks>(moment - now));
}

void AlarmOrderTest::set_alarms() const {
  const Ticks reference = one_ms_.alarm().now();
  // Set out of order on purpose.
  four_ms_.set(reference, ticks(4));
  two_ms_.set(reference, ticks(2));
  disarmed_from_callback_.set(reference, ticks(2) + ticks(1) / 2);
  one_ms_.set(reference, ticks(1));
  three_ms_.set(reference, ticks(3));
}

void AlarmOrderTest::probe_fired(std::uint32_t id) const {
  if (id == before_wrap) {
    set_alarms();
    return;
  }
  record_.set((record_.get() << 4) | id);
  leash::increment(fired_count_);
  switch (id) {
  case one_ms:
    set_from_callback_.set(one_ms_.alarm().get_alarm(), ticks(1) / 2);
    break;
  case two_ms:
    disarmed_from_callback_.alarm().disarm();
    break;
  case three_ms:
    if (!three_ms_was_reset_.replace(true)) {
      // Against its own expiry, so the second expiry is 5 ms in.
      three_ms_.set(three_ms_.alarm().get_alarm(), ticks(2));
    }
    break;
  default:
    break;
  }
  if (fired_count_.get() == 6) {
    check();
  }
}

void AlarmOrderTest::check() const {
  constexpr std::uint32_t expected =
      (one_ms << 20) | (set_from_callback << 16) | (two_ms << 12) |
      (three_ms << 8) | (four_ms << 4) | three_ms;
  const bool on_time = one_ms_.was_on_time() && two_ms_.was_on_time() &&
                       three_ms_.was_on_time() && four_ms_.was_on_time() &&
                       set_from_callback_.was_on_time();
  // Started well before the wrap and now 5 ms after it: the counter reads
  // less than where it started.
  const Ticks end = one_ms_.alarm().now();
  const bool wrapped = end < start_ticks_.get();
  const bool passed = record_.get() == expected && on_time && wrapped &&
                      !disarmed_from_callback_.alarm().is_armed();
  if (!passed) {
    kernel::debug::print("alarm_order: record ");
    kernel::debug::print(kernel::hexadecimal(record_.get()).view());
    kernel::debug::print(on_time ? " on time" : " EARLY");
    kernel::debug::print_line(wrapped ? " wrapped" : " NOT WRAPPED");
  }
  reporter_.map([this, passed](const TestReporter *reporter) {
    reporter->finished(*this, passed, "wrong order, early alarm or no wrap");
  });
}

} // namespace boards::qemu_mps2_an386::tests
