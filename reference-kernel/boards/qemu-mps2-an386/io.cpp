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
  queue_.write(text); // What does not fit is dropped.
}

bool UartDebugWriter::is_drained() const { return queue_.is_drained(); }

void UartDebugWriter::write_at_end(std::string_view text) const {
  // Whatever UART0 is sending (the console's or the debug output's chunk)
  // goes out whole first; the debug chunk handed over was then sent, unless
  // it still waits for its turn in the mux.
  uart_.flush_transmit_polled();
  queue_.take_all([this](std::string_view piece) { uart_.write_polled(piece); },
                  /*handed_over_sent=*/!device_.is_waiting());
  uart_.write_polled(text);
}

} // namespace boards::qemu_mps2_an386

/// The kernel's panic (Rust's `#[panic_handler]`): reports on the console
/// and ends the run with `kernel::panic_exit_status`.
void kernel::panic(std::string_view message) {
  kernel::debug::print_at_end("\r\nkernel panic: ");
  kernel::debug::print_at_end(message);
  kernel::debug::print_at_end("\r\n");
  arch::cortex_m::semihosting::exit(kernel::panic_exit_status);
}

/// The vocabulary's panic hook: a broken rule is a kernel bug, so it panics
/// instead of letting the vocabulary refuse and go on.
void leash::violation_hook(Violation kind, const char *message) noexcept {
  kernel::debug::print_at_end("\r\nleash: panic: ");
  kernel::debug::print_at_end(violation_name(kind));
  kernel::debug::print_at_end(": ");
  kernel::debug::print_at_end(message);
  kernel::debug::print_at_end("\r\n");
  arch::cortex_m::semihosting::exit(kernel::panic_exit_status);
}
