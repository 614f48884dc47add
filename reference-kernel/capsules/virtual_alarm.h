/// VirtualAlarm: one client's alarm, multiplexed onto a shared MuxAlarm.
#ifndef CAPSULES_VIRTUAL_ALARM_H
#define CAPSULES_VIRTUAL_ALARM_H

#include "capsules/alarm_step.h"
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

  // What the mux uses.

  /// The step this alarm waits for while armed (an extended alarm waits
  /// for two steps in turn).
  [[nodiscard]] AlarmStep step() const { return step_.get(); }
  /// Whether the current step expired in the mux's round `round`.
  [[nodiscard]] bool expired_in_round(std::uint32_t round) const {
    return expired_round_.get() == round;
  }
  /// The mux found the current step expired in its round `round`: starts
  /// the second step of an extended alarm, or disarms and calls the client.
  void step_expired(std::uint32_t round) const;

private:
  /// Whether this alarm waits for its moment.
  enum class State : std::uint8_t {
    /// Not armed.
    disarmed,
    /// Armed.
    armed,
  };

  /// The mux this alarm belongs to.
  const MuxAlarm &mux_;
  /// Who hears about the expiry.
  leash::OptionalCell<const kernel::hil::time::AlarmClient *> client_;
  /// Armed or not.
  leash::Cell<State> state_{State::disarmed};
  /// The current step.
  leash::Cell<AlarmStep> step_;
  /// Whether a second step of half the tick range follows this one.
  leash::Cell<bool> extended_;
  /// The mux's round in which a step of this alarm last expired (0: none
  /// yet; the mux's rounds start at 1).
  leash::Cell<std::uint32_t> expired_round_;
  /// This node's link in the mux's list.
  leash::ListLink<VirtualAlarm> link_;
};

} // namespace capsules

#endif // CAPSULES_VIRTUAL_ALARM_H
