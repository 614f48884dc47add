/// Test support: a hardware alarm whose clock the test moves by hand.
#ifndef HOST_TESTS_SUPPORT_FAKE_ALARM_H
#define HOST_TESTS_SUPPORT_FAKE_ALARM_H

#include "kernel/hil/time.h"
#include "kernel/result.h"

#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <cstdint>

namespace host_tests {

using kernel::hil::time::Ticks;

/// An Alarm whose counter moves only when the test says so, and that fires
/// its client the way the chip and the kernel loop would: at (or, with a
/// latency, after) its expiry, once.
class FakeAlarm final : public kernel::hil::time::Alarm {
public:
  /// An alarm whose counter reads `now`.
  explicit FakeAlarm(Ticks now) : now_(now) {}

  [[nodiscard]] Ticks now() const override { return now_.get(); }
  [[nodiscard]] std::uint32_t frequency_hz() const override { return 1000; }
  void set_alarm_client(
      const kernel::hil::time::AlarmClient &client) const override {
    client_.set(&client);
  }
  void set_alarm(Ticks reference, Ticks dt) const override {
    reference_.set(reference);
    dt_.set(dt);
    armed_.set(true);
    set_count_.set(set_count_.get() + 1);
  }
  [[nodiscard]] Ticks get_alarm() const override {
    return static_cast<Ticks>(reference_.get() + dt_.get());
  }
  void disarm() const override { armed_.set(false); }
  [[nodiscard]] bool is_armed() const override { return armed_.get(); }
  [[nodiscard]] Ticks minimum_dt() const override { return 0; }

  /// Moves the counter to `now`.
  void set_now(Ticks now) const { now_.set(now); }

  /// How many times the alarm has been set.
  [[nodiscard]] std::uint32_t set_count() const { return set_count_.get(); }

  /// Ticks until the armed alarm expires (0 if its moment has passed).
  [[nodiscard]] Ticks remaining() const {
    const Ticks expiry = get_alarm();
    return kernel::hil::time::within_range(now_.get(), reference_.get(), expiry)
               ? static_cast<Ticks>(expiry - now_.get())
               : 0;
  }

  /// Lets `duration` ticks pass, firing the alarm whenever it expires on
  /// the way; each firing happens `latency` ticks after the expiry (as a
  /// busy kernel loop would notice it late). Returns how many times it
  /// fired.
  std::uint32_t run_for(Ticks duration, Ticks latency = 0) const {
    Ticks left = duration;
    std::uint32_t fired = 0;
    while (armed_.get() && fired < 10'000) {
      const Ticks wait = static_cast<Ticks>(remaining() + latency);
      if (wait > left) {
        break;
      }
      left = static_cast<Ticks>(left - wait);
      now_.set(static_cast<Ticks>(now_.get() + wait));
      armed_.set(false);
      ++fired;
      client_.map([](const kernel::hil::time::AlarmClient *client) {
        client->alarm_fired();
      });
    }
    now_.set(static_cast<Ticks>(now_.get() + left));
    return fired;
  }

private:
  leash::Cell<Ticks> now_;
  leash::Cell<Ticks> reference_;
  leash::Cell<Ticks> dt_;
  leash::Cell<bool> armed_;
  leash::Cell<std::uint32_t> set_count_;
  leash::OptionalCell<const kernel::hil::time::AlarmClient *> client_;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_FAKE_ALARM_H
