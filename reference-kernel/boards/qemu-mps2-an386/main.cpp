/// The qemu-mps2-an386 board's image: banner, echoing console, then the loop.
#include "boards/qemu-mps2-an386/platform.h"
#include "boards/qemu-mps2-an386/shell.h"
#include "kernel/debug.h"

#include <leash/lease.h>

#include <cstdint>

namespace {

/// The storage behind the console's transmit lease: the backing array of
/// exactly one lease, created in main and used only through it.
std::uint8_t console_transmit_storage[64];

/// The storage behind the console's receive lease (one byte at a time).
std::uint8_t console_receive_storage[1];

/// The storage behind the debug output\'s transmit lease.
std::uint8_t debug_transmit_storage[64];

} // namespace

/// The board's entry point, called by the reset handler. Its return value
/// becomes QEMU's exit status.
int main() {
  using boards::qemu_mps2_an386::Platform;

  // The only leases of this image, created here because main runs once.
  const Platform &platform = boards::qemu_mps2_an386::create_platform(
      leash::Lease<std::uint8_t>::from(console_transmit_storage),
      leash::Lease<std::uint8_t>::from(console_receive_storage),
      leash::Lease<std::uint8_t>::from(debug_transmit_storage),
      /*initial_ticks=*/0);
  kernel::debug::print_line("leash reference kernel: board qemu-mps2-an386");

  static const boards::qemu_mps2_an386::Shell shell{
      platform.console, platform.kernel, platform.leds, platform.chip.alarm()};
  platform.console.set_client(shell);
  platform.console.write_line(
      "console ready: type a line; \"exit\" or control-D ends the run");
  if (!platform.console.start_input().is_ok()) {
    kernel::debug::print_line("console: the UART refused to receive");
    return 1;
  }

  platform.chip.enable_interrupts();
  return platform.kernel.run(platform.chip);
}
