/// The board's debugging I/O: debug writer, kernel panic, vocabulary panic
/// hook.
#include "boards/qemu-mps2-an386/io.h"

#include "arch/cortex-m/semihosting.h"
#include "kernel/debug.h"
#include "kernel/panic.h"

#include <leash/violation.h>

#include <string_view>

namespace boards::qemu_mps2_an386 {

void UartDebugWriter::write(std::string_view text) const {
  uart_.write_polled(text);
}

} // namespace boards::qemu_mps2_an386

/// The kernel's panic (Rust's `#[panic_handler]`): reports on the console
/// and ends the run with `kernel::panic_exit_status`.
void kernel::panic(std::string_view message) {
  kernel::debug::print("\r\nkernel panic: ");
  kernel::debug::print_line(message);
  arch::cortex_m::semihosting::exit(kernel::panic_exit_status);
}

/// The vocabulary's panic hook: a broken rule is a kernel bug, so it panics
/// instead of letting the vocabulary refuse and go on.
void leash::violation_hook(Violation kind, const char *message) noexcept {
  kernel::debug::print("\r\nleash: panic: ");
  kernel::debug::print(violation_name(kind));
  kernel::debug::print(": ");
  kernel::debug::print_line(message);
  arch::cortex_m::semihosting::exit(kernel::panic_exit_status);
}
