/// syscall_bench: times system calls with the alarm's counter (under QEMU's
/// `-icount shift=0` one instruction takes one virtual nanosecond, so ticks
/// convert to instructions; bench/process-switch/run.py does that):
/// 10,000 null commands (command 0 of the console driver: "does it exist"),
/// the same loop without the system call, and the time from an alarm's
/// expiration to the app's upcall reading the counter.
#include "alarm.h"
#include "console.h"
#include "syscalls.h"

#include <leash/cell.h>

#include <cstdint>

namespace {

/// The counter now.
std::uint32_t now() {
  return user::command(user::alarm::driver, 2, 0, 0).values[0];
}

/// How many times each loop runs.
constexpr std::uint32_t rounds = 10'000;

/// The counter when the alarm's upcall ran, and the expiration it reported.
leash::Cell<std::uint32_t> upcall_now{0};
/// See `upcall_now`.
leash::Cell<std::uint32_t> upcall_expiration{0};
/// Whether the upcall ran.
leash::Cell<bool> upcall_ran{false};

/// The alarm's upcall: reads the counter at once.
void alarm_fired(std::uint32_t, std::uint32_t expiration, std::uint32_t,
                 void *) {
  upcall_now.set(now());
  upcall_expiration.set(expiration);
  upcall_ran.set(true);
}

} // namespace

int main() {
  (
      user::console::Line()
      << "bench: counter hz "
      << user::command(user::alarm::driver, 1, 0, 0).values[0])
      .write();
  volatile std::uint32_t sink = 0;
  std::uint32_t start = now();
  for (std::uint32_t round = 0; round < rounds; ++round) {
    sink = user::command(user::console::driver, 0, 0, 0).variant;
  }
  const std::uint32_t with_calls = now() - start;
  start = now();
  for (std::uint32_t round = 0; round < rounds; ++round) {
    sink = round;
  }
  const std::uint32_t without_calls = now() - start;
  (user::console::Line() << "bench: null command loop " << rounds << " "
                         << with_calls << " ticks, empty loop " << without_calls
                         << " ticks")
      .write();

  user::subscribe(user::alarm::driver, 0, alarm_fired, nullptr);
  std::uint32_t latency_total = 0;
  constexpr std::uint32_t alarms = 20;
  for (std::uint32_t alarm = 0; alarm < alarms; ++alarm) {
    upcall_ran.set(false);
    user::command(user::alarm::driver, 5, 500, 0);
    while (!upcall_ran.get()) {
      user::yield_wait();
    }
    latency_total += upcall_now.get() - upcall_expiration.get();
  }
  (user::console::Line() << "bench: alarm to upcall " << alarms << " "
                         << latency_total << " ticks")
      .write();
  return static_cast<int>(sink & 0);
}
