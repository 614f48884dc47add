/// The alarm mux: firing due virtual alarms in order, and rescheduling.
#include "capsules/mux_alarm.h"

#include "capsules/virtual_alarm.h"

namespace capsules {

using kernel::hil::time::Ticks;

void MuxAlarm::add(const VirtualAlarm &alarm) const {
  virtual_alarms_.push_tail(alarm);
}

void MuxAlarm::alarm_fired() const {
  firing_.set(true);
  // Fire every expired alarm, earliest expiry first, each at most once per
  // round. An alarm that a callback sets for a moment that has passed fires
  // in this round too, in its place in the order; one that already fired in
  // this round waits for the next, so a client that keeps re-setting an
  // expired alarm cannot trap the kernel here.
  for (const VirtualAlarm *alarm = earliest_expired(alarm_.now());
       alarm != nullptr; alarm = earliest_expired(alarm_.now())) {
    alarm->fired_this_round_.set(true);
    alarm->expire();
  }
  for (const VirtualAlarm &alarm : virtual_alarms_) {
    alarm.fired_this_round_.set(false);
  }
  firing_.set(false);
  reschedule();
}

const VirtualAlarm *MuxAlarm::earliest_expired(Ticks now) const {
  const VirtualAlarm *earliest = nullptr;
  Ticks longest_overdue = 0;
  for (const VirtualAlarm &alarm : virtual_alarms_) {
    if (!alarm.is_armed() || alarm.fired_this_round_.get() ||
        !alarm.has_expired(now)) {
      continue;
    }
    const auto overdue = static_cast<Ticks>(now - alarm.step_expiry());
    if (earliest == nullptr || overdue > longest_overdue) {
      earliest = &alarm;
      longest_overdue = overdue;
    }
  }
  return earliest;
}

void MuxAlarm::reschedule() const {
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
    const Ticks remaining = alarm.remaining(now);
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
  alarm_.set_alarm(soonest->reference_.get(), soonest->dt_.get());
}

} // namespace capsules
