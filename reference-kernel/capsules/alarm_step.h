/// AlarmStep: one armed step of a virtual alarm, and its expiry arithmetic.
#ifndef CAPSULES_ALARM_STEP_H
#define CAPSULES_ALARM_STEP_H

#include "kernel/hil/time.h"

namespace capsules {

/// The moment a virtual alarm waits for: `dt` ticks after `reference`, as
/// the Alarm HIL sets it. It is what a VirtualAlarm shows its MuxAlarm (the
/// `dt_reference` that Tock's `VirtualMuxAlarm` shows its `MuxAlarm`), and
/// all the tick arithmetic the pair needs, on the wrapping tick line.
struct AlarmStep {
  /// Where the step starts.
  kernel::hil::time::Ticks reference = 0;
  /// How long it lasts.
  kernel::hil::time::Ticks dt = 0;

  /// The moment it expires: `reference + dt`.
  [[nodiscard]] constexpr kernel::hil::time::Ticks expiry() const {
    return static_cast<kernel::hil::time::Ticks>(reference + dt);
  }

  /// Whether it has expired at `now`: `now` is outside
  /// [reference, reference + dt), which stays right when the expiry is
  /// noticed late, as long as steps are at most half the tick range.
  [[nodiscard]] constexpr bool has_expired(kernel::hil::time::Ticks now) const {
    return !kernel::hil::time::within_range(now, reference, expiry());
  }

  /// Ticks until it expires at `now` (0 if it has).
  [[nodiscard]] constexpr kernel::hil::time::Ticks
  remaining(kernel::hil::time::Ticks now) const {
    return has_expired(now)
               ? 0
               : static_cast<kernel::hil::time::Ticks>(expiry() - now);
  }

  /// Ticks since it expired at `now` (meaningful once it has).
  [[nodiscard]] constexpr kernel::hil::time::Ticks
  overdue(kernel::hil::time::Ticks now) const {
    return static_cast<kernel::hil::time::Ticks>(now - expiry());
  }
};

} // namespace capsules

#endif // CAPSULES_ALARM_STEP_H
