/// The board's debugging I/O: UART debug writer and vocabulary panic hook.
#include "boards/qemu-mps2-an386/io.h"

#include "arch/cortex-m/semihosting.h"
#include "kernel/debug.h"

#include <leash/violation.h>

#include <string_view>

namespace boards::qemu_mps2_an386 {

void UartDebugWriter::write(std::string_view text) const {
  uart_.transmit(text);
}

} // namespace boards::qemu_mps2_an386

/// The vocabulary's panic hook (Rust's `#[panic_handler]`): a broken rule is
/// a kernel bug, so the board reports it on the console and ends the run
/// with `panic_exit_status` instead of letting the vocabulary refuse and go on.
void leash::violation_hook(Violation kind, const char *message) noexcept {
  kernel::debug::print("leash: panic: ");
  kernel::debug::print(violation_name(kind));
  kernel::debug::print(": ");
  kernel::debug::print_line(message);
  arch::cortex_m::semihosting::exit(boards::qemu_mps2_an386::panic_exit_status);
}
