/// Sleeping: ask for an upcall `dt` ticks from now and yield until it
/// comes.
#include "alarm.h"

#include "syscalls.h"

#include <leash/cell.h>

namespace user::alarm {
namespace {

/// Set by the alarm upcall (which runs inside `yield_wait`, in this
/// process's one thread: a cell suffices, and `yield_wait`'s memory clobber
/// makes the loop read it again).
leash::Cell<bool> fired{false};

/// The alarm upcall.
void alarm_fired(std::uint32_t, std::uint32_t, std::uint32_t, void *) {
  fired.set(true);
}

} // namespace

bool sleep_ms(std::uint32_t milliseconds) {
  const SyscallResult frequency = command(driver, 1, 0, 0);
  if (!frequency.ok() || !subscribe(driver, 0, alarm_fired, nullptr).ok()) {
    return false;
  }
  const std::uint64_t ticks =
      static_cast<std::uint64_t>(frequency.values[0]) * milliseconds / 1000;
  fired.set(false);
  if (!command(driver, 5, static_cast<std::uint32_t>(ticks), 0).ok()) {
    return false;
  }
  while (!fired.get()) {
    yield_wait();
  }
  return true;
}

} // namespace user::alarm
