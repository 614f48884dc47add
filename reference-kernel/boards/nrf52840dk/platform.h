/// Platform: every component of the nrf52840dk board, created and wired.
#ifndef BOARDS_NRF52840DK_PLATFORM_H
#define BOARDS_NRF52840DK_PLATFORM_H

#include "capsules/console.h"
#include "capsules/usb/usb_device.h"
#include "chips/nrf52840/nrf52840.h"
#include "kernel/kernel.h"

#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

namespace boards::nrf52840dk {

/// The board's components, for `main` to start (Tock's `Platform`). Every
/// one lives in static storage; this holds references.
struct LEASH_COMPONENT Platform {
  /// The chip and its drivers.
  const chips::nrf52840::Nrf52840 &chip;
  /// The kernel loop.
  const kernel::Kernel &kernel;
  /// The console on UARTE0 (the kit's USB serial bridge).
  const capsules::Console &console;
  /// The USB device on the nRF52840's own USB port: the composite
  /// configuration (a CDC-ACM serial port and a generic HID device).
  const capsules::usb::UsbDevice &usb;
  /// A second console, on the USB serial port.
  const capsules::Console &usb_console;
};

/// The leases the board's components own, created by `main` (the only
/// place leases are created) from static arrays.
struct BoardLeases {
  /// The console's transmit lease (any size; 64 bytes is enough).
  leash::Lease<std::uint8_t> console_transmit;
  /// The console's receive lease (one byte).
  leash::Lease<std::uint8_t> console_receive;
  /// The debug output's transmit lease.
  leash::Lease<std::uint8_t> debug_transmit;
  /// USB endpoint 0's lease (64 bytes).
  leash::Lease<std::uint8_t> usb_control;
  /// The CDC-ACM port's SERIAL_STATE notification lease (at least 10
  /// bytes).
  leash::Lease<std::uint8_t> serial_notification;
  /// The CDC-ACM port's bulk IN and OUT packet leases (64 bytes each).
  leash::Lease<std::uint8_t> serial_in_packet;
  leash::Lease<std::uint8_t> serial_out_packet;
  /// The USB console's transmit and receive leases.
  leash::Lease<std::uint8_t> usb_console_transmit;
  leash::Lease<std::uint8_t> usb_console_receive;
  /// The generic HID device's input and output report leases (64 bytes
  /// each).
  leash::Lease<std::uint8_t> hid_in_report;
  leash::Lease<std::uint8_t> hid_out_report;
};

/// The console's speed on UARTE0.
inline constexpr std::uint32_t console_baud_rate = 115'200;

/// Creates every component in static storage and wires them: UARTE0 on the
/// kit's serial pins (P0.06 TXD, P0.08 RXD), shared through a UART mux by
/// the kernel's debug output and the console; the USB device core on the
/// USBD with the composite configuration: a second console on its CDC-ACM
/// port (reading once a terminal opens it), and a generic HID device that
/// echoes each output report as an input report. Call it once, from `main`;
/// interrupts stay off until `main` enables them.
const Platform &create_platform(BoardLeases leases);

} // namespace boards::nrf52840dk

#endif // BOARDS_NRF52840DK_PLATFORM_H
