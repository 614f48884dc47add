/// The time HIL: a free-running tick counter, and an alarm on top of it.
#ifndef KERNEL_HIL_TIME_H
#define KERNEL_HIL_TIME_H

#include "kernel/result.h"

#include <leash/annotations.h>

#include <cstdint>

namespace kernel::hil::time {

/// A point in time or a duration, in ticks of a counter that wraps around
/// at 2^32 (Tock's `Ticks32`). Tick arithmetic wraps: compare ticks only
/// through `within_range`, never with `<`. A chip whose counter is narrower
/// extends it to 32 bits in its driver.
using Ticks = std::uint32_t;

/// Whether `value` lies in the window [`start`, `end`) of the wrapping tick
/// line, a window that may cross the wrap (Tock's `Ticks::within_range`).
[[nodiscard]] constexpr bool within_range(Ticks value, Ticks start, Ticks end) {
  return static_cast<Ticks>(value - start) < static_cast<Ticks>(end - start);
}

/// The number of ticks of a `frequency_hz` counter in `milliseconds`
/// (rounded down; saturates at the largest Ticks).
[[nodiscard]] constexpr Ticks
ticks_from_milliseconds(std::uint32_t frequency_hz,
                        std::uint32_t milliseconds) {
  const std::uint64_t ticks =
      static_cast<std::uint64_t>(frequency_hz) * milliseconds / 1000;
  return ticks > 0xFFFF'FFFFU ? 0xFFFF'FFFFU : static_cast<Ticks>(ticks);
}

static_assert(within_range(5, 3, 7) && !within_range(7, 3, 7));
static_assert(within_range(1, 0xFFFF'FFF0U, 0x10) &&
              !within_range(0x20, 0xFFFF'FFF0U, 0x10));

/// A free-running counter (Tock's `Time`).
class LEASH_COMPONENT Time {
public:
  /// The counter's current value.
  [[nodiscard]] virtual Ticks now() const = 0;

  /// How many ticks make a second.
  [[nodiscard]] virtual std::uint32_t frequency_hz() const = 0;

protected:
  /// Counters are never destroyed through this interface.
  ~Time() = default;
};

/// Told when an alarm expires.
class LEASH_COMPONENT AlarmClient {
public:
  /// The alarm expired (it is disarmed now). Called from the kernel loop;
  /// the client may set the alarm again from here.
  virtual void alarm_fired() const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~AlarmClient() = default;
};

/// A one-shot alarm on a counter (Tock's `Alarm`). An alarm is set relative
/// to a `reference` in the past (usually a `now()` taken earlier) so that the
/// time between taking the reference and setting the alarm is not lost.
class LEASH_COMPONENT Alarm : public Time {
public:
  /// Sends later expiries to `client`.
  virtual void set_alarm_client(const AlarmClient &client) const = 0;

  /// Arms the alarm to expire at `reference + dt`, replacing any earlier
  /// setting. If that moment has passed already (now is not within
  /// [reference, reference + dt)), the alarm expires as soon as possible.
  virtual void set_alarm(Ticks reference, Ticks dt) const = 0;

  /// When the alarm expires (or last expired): `reference + dt`.
  [[nodiscard]] virtual Ticks get_alarm() const = 0;

  /// Disarms the alarm; its callback does not come. Disarming a disarmed
  /// alarm does nothing. It cannot fail (Tock's returns a Result that no
  /// alarm ever fails), so it returns nothing for a caller to drop.
  virtual void disarm() const = 0;

  /// Whether the alarm is armed.
  [[nodiscard]] virtual bool is_armed() const = 0;

  /// The shortest `dt` the hardware honours; shorter alarms fire at
  /// `reference + minimum_dt()` at the earliest.
  [[nodiscard]] virtual Ticks minimum_dt() const = 0;

protected:
  /// Alarms are never destroyed through this interface.
  ~Alarm() = default;
};

} // namespace kernel::hil::time

#endif // KERNEL_HIL_TIME_H
