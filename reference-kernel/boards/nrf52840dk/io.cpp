/// The board's debugging I/O: debug writer, kernel panic, vocabulary panic
/// hook.
#include "boards/nrf52840dk/io.h"

#include "arch/cortex-m/critical_section.h"
#include "arch/cortex-m/sleep.h"
#include "kernel/panic.h"

#include <leash/violation.h>

#include <string_view>

namespace boards::nrf52840dk {
namespace {

/// Stops the core for good: interrupts masked, then sleep (a debugger sees
/// the stopped core, a watchdog would reset it). A masked interrupt still
/// ends `wfi`, so the sleep repeats.
[[noreturn]] void halt() {
  static_cast<void>(arch::cortex_m::disable_interrupts());
  while (true) {
    arch::cortex_m::wait_for_interrupt();
  }
}

} // namespace

void UarteDebugWriter::write(std::string_view text) const {
  queue_.write(text); // What does not fit is dropped.
}

bool UarteDebugWriter::is_drained() const { return queue_.is_drained(); }

void UarteDebugWriter::write_at_end(std::string_view) const {}

} // namespace boards::nrf52840dk

/// The kernel's panic: the board has no way out of a run (no semihosting
/// without a debugger), so it stops the core.
void kernel::panic(std::string_view) { boards::nrf52840dk::halt(); }

/// The vocabulary's panic hook: a broken rule is a kernel bug.
void leash::violation_hook(Violation, const char *) noexcept {
  boards::nrf52840dk::halt();
}
