/// The alarm: the time HIL over two CMSDK timers, a counter and a comparator.
#ifndef CHIPS_MPS2_AN386_TIMER_ALARM_H
#define CHIPS_MPS2_AN386_TIMER_ALARM_H

#include "chips/mps2-an386/timer_registers.h"
#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <cstdint>

namespace chips::mps2_an386 {

/// A 32-bit alarm built from two CMSDK timers, which only count down and
/// have no compare register. The *counter* runs free from 0xFFFFFFFF to 0
/// and around again (a period of exactly 2^32 ticks), so `now()` is its
/// count subtracted from 0xFFFFFFFF: a 32-bit up-counter that wraps, as the
/// HIL wants. The *comparator* is loaded with the ticks left until the alarm
/// and interrupts when it reaches zero; its bottom half checks the counter
/// (never firing early), stops the comparator and calls the client.
class LEASH_COMPONENT TimerAlarm final : public kernel::hil::time::Alarm {
public:
  /// An alarm over the timer blocks `counter` and `comparator` (obtained
  /// through the unsafe `registers::block_at`; this driver owns both),
  /// clocked at `clock_hz`.
  TimerAlarm(TimerRegisters &counter, TimerRegisters &comparator,
             std::uint32_t clock_hz)
      : counter_(counter), comparator_(comparator), clock_hz_(clock_hz) {}

  /// Starts the counter so that `now()` reads `initial_ticks` (tests start
  /// it just before the wrap, to cross it early).
  void start(kernel::hil::time::Ticks initial_ticks) const;

  // kernel::hil::time::Alarm

  /// The counter's current value.
  [[nodiscard]] kernel::hil::time::Ticks now() const override;
  /// The counter's frequency.
  [[nodiscard]] std::uint32_t frequency_hz() const override;
  /// Sends later expiries to `client`.
  void
  set_alarm_client(const kernel::hil::time::AlarmClient &client) const override;
  /// Arms the comparator for `reference + dt`.
  void set_alarm(kernel::hil::time::Ticks reference,
                 kernel::hil::time::Ticks dt) const override;
  /// When the alarm expires.
  [[nodiscard]] kernel::hil::time::Ticks get_alarm() const override;
  /// Stops the comparator.
  void disarm() const override;
  /// Whether the alarm is armed.
  [[nodiscard]] bool is_armed() const override;
  /// The comparator's shortest reliable count.
  [[nodiscard]] kernel::hil::time::Ticks minimum_dt() const override;

  /// The bottom half of the comparator's interrupt, called by the chip.
  void handle_interrupt() const;

private:
  /// Whether the alarm waits for its moment.
  enum class State : std::uint8_t {
    /// Nothing to fire.
    disarmed,
    /// The comparator counts towards `reference_ + dt_`.
    armed,
  };

  /// Loads the comparator with the ticks left until `reference_ + dt_`.
  void start_comparator() const;
  /// Stops the comparator and acknowledges its interrupt.
  void stop_comparator() const;

  /// The free-running counter's registers, owned by this driver.
  TimerRegisters &counter_;
  /// The comparator's registers, owned by this driver.
  TimerRegisters &comparator_;
  /// Both timers' clock.
  const std::uint32_t clock_hz_;
  /// Who hears about expiries.
  leash::OptionalCell<const kernel::hil::time::AlarmClient *> client_;
  /// Armed or not.
  leash::Cell<State> state_{State::disarmed};
  /// The reference the alarm was set against.
  leash::Cell<kernel::hil::time::Ticks> reference_;
  /// The ticks from the reference to the alarm.
  leash::Cell<kernel::hil::time::Ticks> dt_;
};

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_TIMER_ALARM_H
