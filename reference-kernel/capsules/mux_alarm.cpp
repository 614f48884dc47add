/// The alarm mux: firing due virtual alarms in order, and rescheduling.
#include "capsules/mux_alarm.h"

#include "capsules/alarm_step.h"
#include "capsules/virtual_alarm.h"

#include <cstdint>

namespace capsules {

using kernel::hil::time::Ticks;

void MuxAlarm::add(const VirtualAlarm &alarm) const {
  virtual_alarms_.push_tail(alarm);
}

void MuxAlarm::alarm_fired() const {
  firing_.set(true);
  // Round 0 is never used: it is what an alarm that never expired holds.
  auto round = static_cast<std::uint32_t>(round_.get() + 1);
  if (round == 0) {
    round = 1;
  }
  round_.set(round);
  // Fire every expired alarm, earliest expiry first, each at most once per
  // round. An alarm that a callback sets for a moment that has passed fires
  // in this round too, in its place in the order; one that already expired
  // in this round waits for the next, so a client that keeps re-setting an
  // expired alarm cannot trap the kernel here.
  for (const VirtualAlarm *alarm = earliest_expired(now()); alarm != nullptr;
       alarm = earliest_expired(now())) {
    alarm->step_expired(round);
  }
  firing_.set(false);
  alarm_changed();
}

const VirtualAlarm *MuxAlarm::earliest_expired(Ticks now) const {
  const std::uint32_t round = round_.get();
  const VirtualAlarm *earliest = nullptr;
  Ticks longest_overdue = 0;
  for (const VirtualAlarm &alarm : virtual_alarms_) {
    const AlarmStep step = alarm.step();
    if (!alarm.is_armed() || alarm.expired_in_round(round) ||
        !step.has_expired(now)) {
      continue;
    }
    if (earliest == nullptr || step.overdue(now) > longest_overdue) {
      earliest = &alarm;
      longest_overdue = step.overdue(now);
    }
  }
  return earliest;
}

void MuxAlarm::alarm_changed() const {
  if (firing_.get()) {
    return;
  }
  const Ticks now = alarm_.now();
  const VirtualAlarm *soonest = nullptr;
  Ticks soonest_remaining = 0;
  for (const VirtualAlarm &alarm : virtual_alarms_) {
    if (!alarm.is_armed()) {
      continue;
    }
    const Ticks remaining = alarm.step().remaining(now);
    if (soonest == nullptr || remaining < soonest_remaining) {
      soonest = &alarm;
      soonest_remaining = remaining;
    }
  }
  if (soonest == nullptr) {
    alarm_.disarm();
    return;
  }
  // Set against the virtual alarm's own reference: an expiry that has
  // passed already makes the hardware fire as soon as it can.
  const AlarmStep step = soonest->step();
  alarm_.set_alarm(step.reference, step.dt);
}

} // namespace capsules
