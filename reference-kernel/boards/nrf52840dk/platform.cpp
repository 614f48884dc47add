/// Creates the nrf52840dk board's components in static storage and wires them.
#include "boards/nrf52840dk/platform.h"

#include "boards/nrf52840dk/io.h"
#include "boards/nrf52840dk/usb_services.h"
#include "capsules/mux_uart.h"
#include "capsules/transmit_queue.h"
#include "capsules/uart_device.h"
#include "capsules/usb/cdc_acm.h"
#include "capsules/usb/class_driver.h"
#include "capsules/usb/hid_driver.h"
#include "capsules/usb/hid_generic.h"
#include "capsules/usb/standard_configurations.h"
#include "kernel/debug.h"
#include "kernel/hil/uart.h"
#include "kernel/panic.h"

#include <leash/annotations.h>

#include <array>
#include <utility>

namespace boards::nrf52840dk {
namespace {

using chips::nrf52840::Nrf52840;

/// The kit's UARTE0 pins: the lines of its USB serial bridge (P0.06 TXD,
/// P0.08 RXD).
constexpr chips::nrf52840::UartePins uarte0_pins{.txd = {.port = 0, .pin = 6},
                                                 .rxd = {.port = 0, .pin = 8}};

/// The chip, with a driver for each of its peripherals.
LEASH_UNSAFE("creating the chip claims all of its peripherals' register "
             "blocks; the static local is initialised once, on the one call "
             "that create_platform makes")
const Nrf52840 &create_chip() {
  static const Nrf52840 chip{uarte0_pins};
  return chip;
}

} // namespace

const Platform &create_platform(BoardLeases leases) {
  const Nrf52840 &chip = create_chip();

  // UARTE0 is shared through a mux: the debug output and the console each
  // have a virtual UART of their own.
  static const capsules::MuxUart uarte0_mux{chip.uarte0()};
  chip.uarte0().set_transmit_client(uarte0_mux);
  chip.uarte0().set_receive_client(uarte0_mux);
  const kernel::Result configured =
      chip.uarte0().configure(kernel::hil::uart::Parameters{console_baud_rate});

  static const capsules::UartDevice debug_uart{uarte0_mux};
  static const capsules::TransmitQueue debug_queue{
      debug_uart, std::move(leases.debug_transmit)};
  debug_uart.set_transmit_client(debug_queue);
  static const UarteDebugWriter debug_writer{debug_queue};
  kernel::debug::set_writer(debug_writer);
  if (!configured.is_ok()) {
    kernel::panic("UARTE0 refused its configuration");
  }

  static const capsules::UartDevice console_uart{uarte0_mux};
  static const capsules::Console console{console_uart,
                                         std::move(leases.console_transmit),
                                         std::move(leases.console_receive)};
  console_uart.set_transmit_client(console);
  console_uart.set_receive_client(console);

  // The USB device: the composite configuration, a serial port with a
  // console on it and a generic HID device.
  namespace usb = capsules::usb;
  const auto &functions = usb::standard::composite_device.functions;
  static const usb::CdcAcm serial{
      chip.usbd(), functions[0], std::move(leases.serial_notification),
      std::move(leases.serial_in_packet), std::move(leases.serial_out_packet)};
  static const capsules::Console usb_console{
      serial, std::move(leases.usb_console_transmit),
      std::move(leases.usb_console_receive)};
  serial.set_transmit_client(usb_console);
  serial.set_receive_client(usb_console);
  static const UsbConsoleService usb_console_service{usb_console};
  serial.set_client(usb_console_service);
  usb_console.set_client(usb_console_service);

  static const usb::HidDriver hid{chip.usbd(), usb::standard::generic_hid,
                                  functions[1], std::move(leases.hid_in_report),
                                  std::move(leases.hid_out_report)};
  static const usb::HidGeneric hid_device{hid};
  static const HidEchoService hid_echo{hid_device};
  hid_device.set_client(hid_echo);

  static const std::array<const usb::ClassDriver *, 2> usb_drivers{&serial,
                                                                   &hid};
  static const usb::UsbDevice usb_device{
      chip.usbd(), usb::standard::composite_descriptor_table, functions,
      usb_drivers, std::move(leases.usb_control)};

  static const kernel::Kernel kernel;
  static const Platform platform{chip, kernel, console, usb_device,
                                 usb_console};
  return platform;
}

} // namespace boards::nrf52840dk
