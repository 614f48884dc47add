/// spin_counter: counts as fast as it can until the counter passes an
/// absolute deadline, then says how far it got. One alone, then two at once
/// in 100 microsecond slices: the work the two lose is what the context
/// switches cost (bench/process-switch/run.py).
#include "alarm.h"
#include "console.h"
#include "syscalls.h"

#include <cstdint>

#ifndef SPIN_COUNTER_NAME
#error "SPIN_COUNTER_NAME names the counter in its output"
#endif

int main() {
  // 50 ms of the 25 MHz counter after boot.
  constexpr std::uint32_t deadline = 25'000'000 / 20;
  volatile std::uint32_t count = 0;
  std::uint32_t batches = 0;
  while (user::command(user::alarm::driver, 2, 0, 0).values[0] < deadline) {
    for (std::uint32_t step = 0; step < 1024; ++step) {
      count = count + 1;
    }
    ++batches;
  }
  (user::console::Line() << "bench: counter " << SPIN_COUNTER_NAME << " "
                         << batches << " batches")
      .write();
  return 0;
}
