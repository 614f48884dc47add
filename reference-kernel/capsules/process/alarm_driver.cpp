/// The alarm driver: commands, choosing the earliest alarm, and expiries.
#include "capsules/process/alarm_driver.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace capsules::process {

using kernel::ErrorCode;
using kernel::Result;
using kernel::hil::time::Ticks;
using kernel::hil::time::within_range;
using kernel::process::ProcessId;
using kernel::process::SyscallReturn;

namespace {

/// The slot of the upcall.
constexpr kernel::process::UpcallSlot fired_slot{AlarmDriver::driver_number,
                                                 AlarmDriver::fired_upcall};

/// Whether an alarm set for `reference` + `dt` has expired at `now`: now
/// has left [reference, reference + dt), the wrap-safe test the virtual
/// alarms use.
constexpr bool has_expired(Ticks now, Ticks reference, Ticks dt) {
  return !within_range(now, reference, static_cast<Ticks>(reference + dt));
}

/// A process whose alarm expired, for ordering the upcalls. No member
/// initialisers: `alarm_fired` fills each entry before it reads it, and
/// clearing the whole table cost more than the rest of the search.
struct Expired {
  /// Which.
  ProcessId process;
  /// Its expiration.
  Ticks expiration;
  /// How long ago it expired (the longest ago goes first).
  Ticks late_by;
};

/// Puts `entry` into `due`, whose last element is free and whose others are
/// ordered the longest overdue first, keeping that order. An insertion sort:
/// `due` holds at most one entry per process, and std::ranges::sort's
/// introsort and heap sort cost 800 bytes of flash for nothing at that size.
void insert_by_lateness(std::span<Expired> due, const Expired &entry) {
  std::size_t at = due.size() - 1;
  while (at > 0 && due[at - 1].late_by < entry.late_by) {
    due[at] = due[at - 1];
    --at;
  }
  due[at] = entry;
}

} // namespace

SyscallReturn AlarmDriver::command(std::uint32_t number,
                                   std::uint32_t argument1,
                                   std::uint32_t argument2,
                                   ProcessId process) const {
  switch (number) {
  case exists:
    return SyscallReturn::success();
  case frequency:
    return SyscallReturn::success_u32(alarm_.frequency_hz());
  case now:
    return SyscallReturn::success_u32(alarm_.now());
  case stop:
    return disarm(process);
  case set_relative:
    return arm(process, alarm_.now(), argument1);
  case set_absolute:
    return arm(process, argument1, argument2);
  default:
    return SyscallReturn::failure(ErrorCode::no_support);
  }
}

SyscallReturn AlarmDriver::arm(ProcessId process, Ticks reference,
                               Ticks dt) const {
  const Result entered =
      expirations_.enter(process, [reference, dt](Expiration &expiration) {
        expiration = Expiration{true, reference, dt};
      });
  if (!entered.is_ok()) {
    return SyscallReturn::from(entered);
  }
  armed_.mark(process);
  set_earliest();
  return SyscallReturn::success_u32(static_cast<Ticks>(reference + dt));
}

SyscallReturn AlarmDriver::disarm(ProcessId process) const {
  bool was_armed = false;
  const Result entered =
      expirations_.enter(process, [&was_armed](Expiration &expiration) {
        was_armed = expiration.armed;
        expiration.armed = false;
      });
  if (!entered.is_ok()) {
    return SyscallReturn::from(entered);
  }
  if (!was_armed) {
    return SyscallReturn::failure(ErrorCode::already);
  }
  armed_.unmark(process);
  set_earliest();
  return SyscallReturn::success();
}

void AlarmDriver::set_earliest() const {
  const Ticks now_ticks = alarm_.now();
  std::optional<Expiration> earliest;
  Ticks earliest_remaining = 0;
  armed_.for_each([&](ProcessId process) {
    std::optional<Expiration> found;
    const Result entered =
        expirations_.enter(process, [&found](Expiration &expiration) {
          if (expiration.armed) {
            found = expiration;
          }
        });
    if (!entered.is_ok() || !found) {
      armed_.unmark(process); // Ended, or disarmed: forget it.
      return;
    }
    const Ticks remaining =
        has_expired(now_ticks, found->reference, found->dt)
            ? 0
            : static_cast<Ticks>(found->reference + found->dt - now_ticks);
    if (!earliest || remaining < earliest_remaining) {
      earliest = found;
      earliest_remaining = remaining;
    }
  });
  if (!earliest) {
    alarm_.disarm();
    return;
  }
  // Set with the process's own reference: a moment already past then fires
  // at once, as the HIL promises, instead of a whole wrap later.
  alarm_.set_alarm(earliest->reference, earliest->dt);
}

void AlarmDriver::alarm_fired() const {
  const Ticks now_ticks = alarm_.now();
  // Entries from `count` on are never read: see Expired.
  std::array<Expired, kernel::process::Processes::capacity> expired;
  std::size_t count = 0;
  armed_.for_each([&](ProcessId process) {
    std::optional<Ticks> expiration;
    const Result entered = expirations_.enter(process, [&expiration, now_ticks](
                                                           Expiration &alarm) {
      if (alarm.armed && has_expired(now_ticks, alarm.reference, alarm.dt)) {
        alarm.armed = false;
        expiration = static_cast<Ticks>(alarm.reference + alarm.dt);
      }
    });
    if (!entered.is_ok()) {
      armed_.unmark(process); // Its process ended: no upcall for it.
      return;
    }
    if (expiration) {
      armed_.unmark(process);
      insert_by_lateness(std::span(expired).first(count + 1),
                         Expired{process, *expiration,
                                 static_cast<Ticks>(now_ticks - *expiration)});
      ++count;
    }
  });
  for (const Expired &entry : std::span(expired).first(count)) {
    // A process that subscribed nothing gets nothing (the null upcall).
    static_cast<void>(processes_.schedule_upcall(
        entry.process, fired_slot, {now_ticks, entry.expiration, 0}));
  }
  set_earliest();
}

} // namespace capsules::process
