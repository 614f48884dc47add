/// The SysTick test: counting down, and the wrap flag.
#include "boards/qemu-mps2-an386/tests/system_tick_test.h"

#include <cstdint>

namespace boards::qemu_mps2_an386::tests {
namespace {

/// How many reads to wait at most for a change: far more than enough at
/// QEMU's speed, and a bound, so a stopped counter fails instead of hanging.
constexpr std::uint32_t patience = 1'000'000;

} // namespace

void SystemTickTest::start(const TestReporter &reporter) const {
  using arch::cortex_m::SystemTick;
  system_tick_.start_free_running(SystemTick::maximum_reload);
  // Starting clears the count; the first tick loads the reload value.
  std::uint32_t first = 0;
  for (std::uint32_t read = 0; read < patience && first == 0; ++read) {
    first = system_tick_.current_value();
  }
  std::uint32_t later = first;
  for (std::uint32_t read = 0; read < patience && later == first; ++read) {
    later = system_tick_.current_value();
  }
  const bool counts_down = later < first;

  static_cast<void>(system_tick_.counted_to_zero_since_last_call());
  system_tick_.start_free_running(100);
  bool wrapped = false;
  for (std::uint32_t read = 0; read < patience && !wrapped; ++read) {
    wrapped = system_tick_.counted_to_zero_since_last_call();
  }
  system_tick_.stop();
  reporter.finished(*this, counts_down && wrapped,
                    counts_down ? "no wrap flag" : "the count did not fall");
}

} // namespace boards::qemu_mps2_an386::tests
