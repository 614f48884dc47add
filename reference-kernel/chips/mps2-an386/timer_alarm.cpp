/// The alarm over two CMSDK timers: counter arithmetic and comparator control.
#include "chips/mps2-an386/timer_alarm.h"

#include <cstdint>

namespace chips::mps2_an386 {
namespace {

using kernel::hil::time::Ticks;
using kernel::hil::time::within_range;

/// The counter's reload: the largest count, so that its period is 2^32.
constexpr std::uint32_t full_count = 0xFFFF'FFFF;

/// The shortest comparator count used: a count of zero would never pass
/// zero, and QEMU's timer model refuses a zero period.
constexpr Ticks shortest_count = 2;

} // namespace

void TimerAlarm::start(Ticks initial_ticks) const {
  counter_.control.write(TimerControl::enable.clear());
  counter_.reload.set(full_count);
  counter_.value.set(full_count - initial_ticks);
  counter_.control.write(TimerControl::enable.set());
  stop_comparator();
}

Ticks TimerAlarm::now() const { return full_count - counter_.value.get(); }

std::uint32_t TimerAlarm::frequency_hz() const { return clock_hz_; }

void TimerAlarm::set_alarm_client(
    const kernel::hil::time::AlarmClient &client) const {
  client_.set(&client);
}

void TimerAlarm::set_alarm(Ticks reference, Ticks dt) const {
  reference_.set(reference);
  dt_.set(dt);
  state_.set(State::armed);
  start_comparator();
}

Ticks TimerAlarm::get_alarm() const {
  return static_cast<Ticks>(reference_.get() + dt_.get());
}

void TimerAlarm::disarm() const {
  state_.set(State::disarmed);
  stop_comparator();
}

bool TimerAlarm::is_armed() const { return state_.get() == State::armed; }

Ticks TimerAlarm::minimum_dt() const { return shortest_count; }

void TimerAlarm::handle_interrupt() const {
  stop_comparator();
  if (state_.get() != State::armed) {
    return; // Disarmed after the comparator had already fired.
  }
  const Ticks expiry = get_alarm();
  if (within_range(now(), reference_.get(), expiry)) {
    start_comparator(); // Not yet: never fire early.
    return;
  }
  state_.set(State::disarmed);
  client_.map([](const kernel::hil::time::AlarmClient *client) {
    client->alarm_fired();
  });
}

void TimerAlarm::start_comparator() const {
  const Ticks reference = reference_.get();
  const Ticks expiry = static_cast<Ticks>(reference + dt_.get());
  const Ticks current = now();
  // Ticks left, or none if the moment has passed (now outside the window).
  Ticks remaining = within_range(current, reference, expiry)
                        ? static_cast<Ticks>(expiry - current)
                        : 0;
  if (remaining < shortest_count) {
    remaining = shortest_count;
  }
  comparator_.control.write(TimerControl::enable.clear());
  comparator_.interrupt_status_clear.write(TimerInterrupt::expired.set());
  comparator_.reload.set(remaining); // Loads VALUE too.
  comparator_.control.write(TimerControl::enable.set() |
                            TimerControl::interrupt_enable.set());
}

void TimerAlarm::stop_comparator() const {
  comparator_.control.write(TimerControl::enable.clear());
  comparator_.interrupt_status_clear.write(TimerInterrupt::expired.set());
}

} // namespace chips::mps2_an386
