/// MuxAlarm: one hardware alarm shared by any number of virtual alarms.
#ifndef CAPSULES_MUX_ALARM_H
#define CAPSULES_MUX_ALARM_H

#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/list.h>

#include <cstdint>

namespace capsules {

class VirtualAlarm;

/// Multiplexes one hardware alarm among the VirtualAlarms built on it (Tock's
/// `MuxAlarm`). Each virtual alarm is a node of the mux's intrusive list, so
/// the mux needs no table and no heap, and any number of clients can share
/// the hardware. The hardware alarm is always set for the soonest armed
/// virtual alarm; when it fires, the mux fires every virtual alarm that has
/// expired, earliest expiry first (including alarms that the callbacks set
/// for moments already past), and sets the hardware for the next one.
///
/// The pair talks through public members only, as Tock's pair does: a
/// virtual alarm joins the mux (`add`), tells it when it was armed or
/// disarmed (`alarm_changed`) and reads the hardware's clock (`now`,
/// `frequency_hz`, `minimum_dt`); the mux reads each virtual alarm's armed
/// step and tells it when that step expired. Either side can change its
/// insides alone.
class LEASH_COMPONENT MuxAlarm final : public kernel::hil::time::AlarmClient {
public:
  /// A mux over `alarm`; the board makes the mux the alarm's client.
  explicit MuxAlarm(const kernel::hil::time::Alarm &alarm) : alarm_(alarm) {}

  /// The hardware alarm fired: fire the virtual alarms that are due.
  void alarm_fired() const override;

  // What virtual alarms use.

  /// Adds `alarm` to the mux (VirtualAlarm's constructor does it; an alarm
  /// joins once, and stays for good).
  void add(const VirtualAlarm &alarm) const;

  /// A virtual alarm was armed or disarmed: sets the hardware alarm for the
  /// soonest armed virtual alarm, or disarms it when none is armed. While
  /// the mux is firing, the end of `alarm_fired` does it once, after every
  /// callback had its say.
  void alarm_changed() const;

  /// The hardware counter's value.
  [[nodiscard]] kernel::hil::time::Ticks now() const { return alarm_.now(); }
  /// The hardware counter's frequency.
  [[nodiscard]] std::uint32_t frequency_hz() const {
    return alarm_.frequency_hz();
  }
  /// The hardware's shortest alarm.
  [[nodiscard]] kernel::hil::time::Ticks minimum_dt() const {
    return alarm_.minimum_dt();
  }

private:
  /// The armed virtual alarm that has expired at `now` and has not expired
  /// in this round, with the expiry furthest in the past; or null.
  [[nodiscard]] const VirtualAlarm *
  earliest_expired(kernel::hil::time::Ticks now) const;

  /// The hardware alarm underneath.
  const kernel::hil::time::Alarm &alarm_;
  /// Every virtual alarm of this mux, armed or not.
  leash::List<VirtualAlarm> virtual_alarms_;
  /// Whether `alarm_fired` is running (callbacks may set alarms meanwhile).
  leash::Cell<bool> firing_;
  /// The number of the current (or last) round of `alarm_fired`; an alarm
  /// expires at most once per round.
  leash::Cell<std::uint32_t> round_;
};

} // namespace capsules

#endif // CAPSULES_MUX_ALARM_H
