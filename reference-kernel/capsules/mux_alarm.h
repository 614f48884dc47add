/// MuxAlarm: one hardware alarm shared by any number of virtual alarms.
#ifndef CAPSULES_MUX_ALARM_H
#define CAPSULES_MUX_ALARM_H

#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/list.h>

namespace capsules {

class VirtualAlarm;

/// Multiplexes one hardware alarm among the VirtualAlarms built on it (Tock's
/// `MuxAlarm`). Each virtual alarm is a node of the mux's intrusive list, so
/// the mux needs no table and no heap, and any number of clients can share
/// the hardware. The hardware alarm is always set for the soonest armed
/// virtual alarm; when it fires, the mux fires every virtual alarm that has
/// expired, earliest expiry first (including alarms that the callbacks set
/// for moments already past), and sets the hardware for the next one.
class LEASH_COMPONENT MuxAlarm final : public kernel::hil::time::AlarmClient {
public:
  /// A mux over `alarm`; the board makes the mux the alarm's client.
  explicit MuxAlarm(const kernel::hil::time::Alarm &alarm) : alarm_(alarm) {}

  /// The hardware alarm fired: fire the virtual alarms that are due.
  void alarm_fired() const override;

private:
  friend class VirtualAlarm;

  /// Adds `alarm` to the list (from VirtualAlarm's constructor).
  void add(const VirtualAlarm &alarm) const;

  /// Sets the hardware alarm for the soonest armed virtual alarm, or
  /// disarms it when none is armed. Deferred while firing: the end of
  /// `alarm_fired` does it once, after every callback had its say.
  void reschedule() const;

  /// The armed virtual alarm that has expired at `now` and has not fired in
  /// this round, with the expiry furthest in the past; or null.
  [[nodiscard]] const VirtualAlarm *
  earliest_expired(kernel::hil::time::Ticks now) const;

  /// The hardware alarm underneath.
  const kernel::hil::time::Alarm &alarm_;
  /// Every virtual alarm of this mux, armed or not.
  leash::List<VirtualAlarm> virtual_alarms_;
  /// Whether `alarm_fired` is running (callbacks may set alarms meanwhile).
  leash::Cell<bool> firing_;
};

} // namespace capsules

#endif // CAPSULES_MUX_ALARM_H
