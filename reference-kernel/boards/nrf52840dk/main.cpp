/// The nrf52840dk board's image: banner, console, USB device, then the loop.
#include "boards/nrf52840dk/platform.h"
#include "kernel/debug.h"

#include <leash/lease.h>

#include <cstdint>

namespace {

/// The storage behind the console's transmit lease: the backing array of
/// exactly one lease, created in main and used only through it.
std::uint8_t console_transmit_storage[64];

/// The storage behind the console's receive lease (one byte at a time).
std::uint8_t console_receive_storage[1];

/// The storage behind the debug output's transmit lease.
std::uint8_t debug_transmit_storage[64];

/// The storage behind USB endpoint 0's lease: one packet. Every buffer
/// EasyDMA reads or writes is word-aligned, as the USBD's drivers in Tock,
/// Zephyr and nrf-hal keep them.
alignas(4) std::uint8_t usb_control_storage[64];

/// The CDC-ACM port's notification and packet buffers.
alignas(4) std::uint8_t serial_notification_storage[16];
alignas(4) std::uint8_t serial_in_packet_storage[64];
alignas(4) std::uint8_t serial_out_packet_storage[64];

/// The USB console's transmit and receive buffers.
std::uint8_t usb_console_transmit_storage[64];
std::uint8_t usb_console_receive_storage[1];

/// The generic HID device's report buffers.
alignas(4) std::uint8_t hid_in_report_storage[64];
alignas(4) std::uint8_t hid_out_report_storage[64];

} // namespace

/// The board's entry point, called by the reset handler; the kernel loop
/// never ends on this board.
int main() {
  using boards::nrf52840dk::Platform;

  // The only leases of this image, created here because main runs once.
  const Platform &platform = boards::nrf52840dk::create_platform({
      .console_transmit =
          leash::Lease<std::uint8_t>::from(console_transmit_storage),
      .console_receive =
          leash::Lease<std::uint8_t>::from(console_receive_storage),
      .debug_transmit =
          leash::Lease<std::uint8_t>::from(debug_transmit_storage),
      .usb_control = leash::Lease<std::uint8_t>::from(usb_control_storage),
      .serial_notification =
          leash::Lease<std::uint8_t>::from(serial_notification_storage),
      .serial_in_packet =
          leash::Lease<std::uint8_t>::from(serial_in_packet_storage),
      .serial_out_packet =
          leash::Lease<std::uint8_t>::from(serial_out_packet_storage),
      .usb_console_transmit =
          leash::Lease<std::uint8_t>::from(usb_console_transmit_storage),
      .usb_console_receive =
          leash::Lease<std::uint8_t>::from(usb_console_receive_storage),
      .hid_in_report = leash::Lease<std::uint8_t>::from(hid_in_report_storage),
      .hid_out_report =
          leash::Lease<std::uint8_t>::from(hid_out_report_storage),
  });
  kernel::debug::print_line("leash reference kernel: board nrf52840dk");
  platform.console.write_line("console ready");
  if (!platform.console.start_input().is_ok()) {
    kernel::debug::print_line("console: the UART refused to receive");
  }
  platform.usb_console.write_line("usb console ready: lines are echoed");
  // The USBD runs only from the crystal oscillator, which starts in about
  // 0.4 ms; the bound is far above that.
  constexpr std::uint32_t crystal_polls = 1'000'000;
  if (!platform.chip.clock().start_crystal_and_wait(crystal_polls)) {
    kernel::debug::print_line("clock: the crystal did not start; no USB");
  } else if (!platform.usb.attach().is_ok()) {
    kernel::debug::print_line("usb: no bus power; the device stays detached");
  }

  platform.chip.enable_interrupts();
  return platform.kernel.run(platform.chip);
}
