/// A virtual alarm: its Alarm interface, and its expiry steps.
#include "capsules/virtual_alarm.h"

#include <cstdint>

namespace capsules {

using kernel::hil::time::Ticks;

namespace {

/// Half the tick range: the longest step an alarm is set for at once.
constexpr Ticks half_range = 0x8000'0000U;

} // namespace

VirtualAlarm::VirtualAlarm(const MuxAlarm &mux) : mux_(mux) { mux_.add(*this); }

Ticks VirtualAlarm::now() const { return mux_.now(); }

std::uint32_t VirtualAlarm::frequency_hz() const { return mux_.frequency_hz(); }

void VirtualAlarm::set_alarm_client(
    const kernel::hil::time::AlarmClient &client) const {
  client_.set(&client);
}

void VirtualAlarm::set_alarm(Ticks reference, Ticks dt) const {
  const bool extended = dt > half_range;
  step_.set(AlarmStep{reference,
                      extended ? static_cast<Ticks>(dt - half_range) : dt});
  extended_.set(extended);
  state_.set(State::armed);
  mux_.alarm_changed();
}

Ticks VirtualAlarm::get_alarm() const {
  return static_cast<Ticks>(step_.get().expiry() +
                            (extended_.get() ? half_range : 0));
}

void VirtualAlarm::disarm() const {
  state_.set(State::disarmed);
  mux_.alarm_changed();
}

bool VirtualAlarm::is_armed() const { return state_.get() == State::armed; }

Ticks VirtualAlarm::minimum_dt() const { return mux_.minimum_dt(); }

void VirtualAlarm::step_expired(std::uint32_t round) const {
  expired_round_.set(round);
  if (extended_.get()) {
    // The first step of an extended alarm: the second starts where it ended.
    step_.set(AlarmStep{step_.get().expiry(), half_range});
    extended_.set(false);
    return;
  }
  state_.set(State::disarmed);
  client_.map([](const kernel::hil::time::AlarmClient *client) {
    client->alarm_fired();
  });
}

} // namespace capsules
