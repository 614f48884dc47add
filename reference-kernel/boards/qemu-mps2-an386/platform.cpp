/// Creates the board's components in static storage and wires them together.
#include "boards/qemu-mps2-an386/platform.h"

#include "boards/qemu-mps2-an386/io.h"
#include "capsules/mux_uart.h"
#include "capsules/transmit_queue.h"
#include "capsules/uart_device.h"
#include "kernel/debug.h"
#include "kernel/hil/led.h"
#include "kernel/hil/uart.h"
#include "kernel/panic.h"

#include <leash/annotations.h>

#include <array>
#include <utility>

namespace boards::qemu_mps2_an386 {
namespace {

using chips::mps2_an386::Mps2An386;

/// The chip, with a driver for each of its peripherals.
LEASH_UNSAFE("creating the chip claims all of its peripherals' register "
             "blocks; the static local is initialised once, on the one call "
             "that create_platform makes")
const Mps2An386 &create_chip() {
  static const Mps2An386 chip;
  return chip;
}

} // namespace

const Platform &create_platform(leash::Lease<std::uint8_t> console_transmit,
                                leash::Lease<std::uint8_t> console_receive,
                                leash::Lease<std::uint8_t> debug_transmit,
                                kernel::hil::time::Ticks initial_ticks) {
  const Mps2An386 &chip = create_chip();

  // UART0 is shared through a mux: the debug output and the console each
  // have a virtual UART of their own.
  static const capsules::MuxUart uart0_mux{chip.uart0()};
  chip.uart0().set_transmit_client(uart0_mux);
  chip.uart0().set_receive_client(uart0_mux);

  // Debug output first, so that everything after it can report trouble.
  const kernel::Result configured =
      chip.uart0().configure(kernel::hil::uart::Parameters{console_baud_rate});
  static const capsules::UartDevice debug_uart{uart0_mux};
  static const capsules::TransmitQueue debug_queue{debug_uart,
                                                   std::move(debug_transmit)};
  debug_uart.set_transmit_client(debug_queue);
  static const UartDebugWriter debug_writer{debug_queue, debug_uart,
                                            chip.uart0()};
  kernel::debug::set_writer(debug_writer);
  if (!configured.is_ok()) {
    kernel::panic("UART0 refused its configuration");
  }

  static const capsules::UartDevice console_uart{uart0_mux};
  static const capsules::Console console{
      console_uart, std::move(console_transmit), std::move(console_receive)};
  console_uart.set_transmit_client(console);
  console_uart.set_receive_client(console);

  chip.alarm().start(initial_ticks);
  static const capsules::MuxAlarm alarm_mux{chip.alarm()};
  chip.alarm().set_alarm_client(alarm_mux);

  static const kernel::hil::led::LedHigh led0{chip.led_pin(0)};
  static const kernel::hil::led::LedHigh led1{chip.led_pin(1)};
  static const std::array<const kernel::hil::led::Led *, 2> led_table{&led0,
                                                                      &led1};
  static const capsules::LedDriver leds{led_table};

  static const kernel::Kernel kernel;
  static const Platform platform{chip,      kernel,    console,
                                 uart0_mux, alarm_mux, leds};
  return platform;
}

} // namespace boards::qemu_mps2_an386
