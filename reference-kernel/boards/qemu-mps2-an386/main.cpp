/// The qemu-mps2-an386 board: creates the drivers, wires them up, boots.
#include "boards/qemu-mps2-an386/io.h"
#include "chips/mps2-an386/memory_map.h"
#include "chips/mps2-an386/uart.h"
#include "kernel/debug.h"

#include <leash/leash.h>

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>

namespace {

using boards::qemu_mps2_an386::UartDebugWriter;
using chips::mps2_an386::Uart;
using chips::mps2_an386::UartRegisters;

/// The console's speed. QEMU ignores it; real hardware would not.
constexpr std::uint32_t console_baud_rate = 115'200;

/// How many times start-up has run: exactly once, unless something jumped
/// back into it. Global mutable state, so it lives in a cell.
constinit leash::Cell<std::uint32_t> start_up_count;

/// The storage behind the console's transmit lease: the backing array of
/// exactly one lease, created in main and used only through it.
std::uint8_t console_transmit_storage[64];

/// The console's transmit buffer while nobody is using it, the way a capsule
/// keeps its DMA buffer between transfers (Tock's `TakeCell<'static, [u8]>`).
constinit leash::TakeCell<leash::Lease<std::uint8_t>> console_transmit_buffer;

/// Creates the driver for UART0, the console, in static storage.
LEASH_UNSAFE("UART0's register block is at uart0_base_address on mps2-an386, "
             "and this is the only place that creates a driver for it")
const Uart &create_console_uart() {
  static const Uart uart{
      UartRegisters::at(chips::mps2_an386::uart0_base_address)};
  return uart;
}

/// Exercises the vocabulary the way drivers will use it, and returns whether
/// every step behaved as documented: the proof that the vocabulary compiles
/// and works under the kernel's cross compiler.
bool vocabulary_works() {
  leash::increment(start_up_count);
  if (start_up_count.get() != 1 || console_transmit_buffer.is_none()) {
    return false;
  }

  // Prepare a transmission inside the buffer, as a capsule does before it
  // hands the buffer to a driver: the lease is lent to the callable and put
  // back afterwards.
  constexpr std::string_view message = "ok";
  const auto window_size = console_transmit_buffer.map(
      [message](leash::Lease<std::uint8_t> &buffer) {
        for (std::size_t index = 0; index < message.size(); ++index) {
          buffer[index] = static_cast<std::uint8_t>(message[index]);
        }
        buffer.slice(0, message.size());
        return buffer.size();
      });

  // Take the lease out, as a driver does to start a transfer, and put it
  // back, as the transfer's completion does.
  leash::Lease<std::uint8_t> in_transfer = console_transmit_buffer.take();
  const bool cell_emptied = console_transmit_buffer.is_none();
  const bool contents_kept = !in_transfer.is_empty() &&
                             in_transfer.size() == message.size() &&
                             in_transfer[0] == 'o' && in_transfer[1] == 'k';
  in_transfer.reset();
  console_transmit_buffer.put(std::move(in_transfer));

  return window_size == message.size() && cell_emptied && contents_kept &&
         console_transmit_buffer.map_or(
             std::size_t{0}, [](const leash::Lease<std::uint8_t> &buffer) {
               return buffer.size();
             }) == sizeof console_transmit_storage;
}

} // namespace

/// The board's entry point, called by the reset handler. Its return value
/// becomes QEMU's exit status.
int main() {
  const Uart &console_uart = create_console_uart();
  console_uart.enable_transmitter(console_baud_rate);
  static const UartDebugWriter debug_writer{console_uart};
  kernel::debug::set_writer(debug_writer);

  kernel::debug::print_line("leash reference kernel: board qemu-mps2-an386");

  // The one lease of the console's buffer, created here because main runs
  // once, and moved straight into the cell that keeps it.
  leash::Lease<std::uint8_t> console_lease =
      leash::Lease<std::uint8_t>::from(console_transmit_storage);
  console_transmit_buffer.put(std::move(console_lease));
  if (!vocabulary_works()) {
    kernel::debug::print_line("leash: vocabulary FAILED");
    return 1;
  }
  kernel::debug::print_line("leash: vocabulary ok");
  return 0;
}
