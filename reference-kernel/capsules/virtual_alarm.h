/// VirtualAlarm: one client's alarm, multiplexed onto a shared MuxAlarm.
#ifndef CAPSULES_VIRTUAL_ALARM_H
#define CAPSULES_VIRTUAL_ALARM_H

#include "capsules/mux_alarm.h"
#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/list.h>
#include <leash/optional_cell.h>

#include <cstdint>

namespace capsules {

/// An Alarm of its own for one client, sharing the hardware alarm with the
/// other virtual alarms of its MuxAlarm (Tock's `VirtualMuxAlarm`). It is a
/// node of the mux's list and, like every list node, lives in static storage
/// (it is a component).
///
/// Alarms further away than half the tick range are set in two steps
/// (Tock's "extended" alarms): a first expiry half a range early, which the
/// mux does not report, then the rest. The expiry test "now is outside
/// [reference, reference + dt)" then stays right even when the kernel loop
/// notices an expiry late.
class LEASH_COMPONENT VirtualAlarm final : public kernel::hil::time::Alarm {
public:
  /// A virtual alarm of `mux`; joins the mux's list.
  explicit VirtualAlarm(const MuxAlarm &mux);

  // kernel::hil::time::Alarm

  /// The hardware counter's value.
  [[nodiscard]] kernel::hil::time::Ticks now() const override;
  /// The hardware counter's frequency.
  [[nodiscard]] std::uint32_t frequency_hz() const override;
  /// Sends later expiries to `client`.
  void
  set_alarm_client(const kernel::hil::time::AlarmClient &client) const override;
  /// Arms this alarm for `reference + dt`.
  void set_alarm(kernel::hil::time::Ticks reference,
                 kernel::hil::time::Ticks dt) const override;
  /// When this alarm expires.
  [[nodiscard]] kernel::hil::time::Ticks get_alarm() const override;
  /// Disarms this alarm.
  void disarm() const override;
  /// Whether this alarm is armed.
  [[nodiscard]] bool is_armed() const override;
  /// The hardware's shortest alarm.
  [[nodiscard]] kernel::hil::time::Ticks minimum_dt() const override;

  /// This node's link in the mux's list.
  [[nodiscard]] const leash::ListLink<VirtualAlarm> &list_link() const {
    return link_;
  }

private:
  friend class MuxAlarm;

  /// Whether this alarm waits for its moment.
  enum class State : std::uint8_t {
    /// Not armed.
    disarmed,
    /// Armed.
    armed,
  };

  /// The current step's expiry: `reference_ + dt_`.
  [[nodiscard]] kernel::hil::time::Ticks step_expiry() const;
  /// Whether the current step has expired at `now`.
  [[nodiscard]] bool has_expired(kernel::hil::time::Ticks now) const;
  /// Ticks until the current step expires at `now` (0 if it has).
  [[nodiscard]] kernel::hil::time::Ticks
  remaining(kernel::hil::time::Ticks now) const;
  /// Called by the mux when the current step expired: either starts the
  /// second step of an extended alarm, or disarms and calls the client.
  void expire() const;

  /// The mux this alarm belongs to.
  const MuxAlarm &mux_;
  /// Who hears about the expiry.
  leash::OptionalCell<const kernel::hil::time::AlarmClient *> client_;
  /// Armed or not.
  leash::Cell<State> state_{State::disarmed};
  /// The current step's reference.
  leash::Cell<kernel::hil::time::Ticks> reference_;
  /// The current step's length.
  leash::Cell<kernel::hil::time::Ticks> dt_;
  /// Whether a second step of half the tick range follows this one.
  leash::Cell<bool> extended_;
  /// Whether this alarm fired in the mux's current round.
  leash::Cell<bool> fired_this_round_;
  /// This node's link in the mux's list.
  leash::ListLink<VirtualAlarm> link_;
};

} // namespace capsules

#endif // CAPSULES_VIRTUAL_ALARM_H
