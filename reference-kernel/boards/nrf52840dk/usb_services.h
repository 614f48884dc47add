/// The board's USB services: the console on the CDC-ACM port, the HID echo.
#ifndef BOARDS_NRF52840DK_USB_SERVICES_H
#define BOARDS_NRF52840DK_USB_SERVICES_H

#include "capsules/console.h"
#include "capsules/usb/cdc_acm.h"
#include "capsules/usb/hid_generic.h"
#include "kernel/result.h"

#include <leash/annotations.h>

#include <cstdint>
#include <span>
#include <string_view>

namespace boards::nrf52840dk {

/// The console on the USB serial port: starts reading when a terminal opens
/// the port (the host raises DTR; before the host configures the device the
/// port refuses to receive), and answers each line by echoing it back.
class LEASH_COMPONENT UsbConsoleService final
    : public capsules::usb::CdcAcmClient,
      public capsules::ConsoleClient {
public:
  /// The service of `console`, which runs over the USB serial port.
  explicit UsbConsoleService(const capsules::Console &console)
      : console_(console) {}

  // capsules::usb::CdcAcmClient

  /// A terminal opened the port (DTR raised): input starts.
  void control_lines_changed(bool dtr, bool rts) const override;
  /// Line settings do not matter to a USB port.
  void line_coding_changed(const capsules::usb::LineCoding &) const override {}
  /// Breaks are ignored.
  void break_requested(std::uint16_t) const override {}

  // capsules::ConsoleClient

  /// Echoes the line back.
  void line_received(std::string_view line) const override;
  /// Control-D: nothing to end on this board.
  void end_of_input() const override {}
  /// Nothing waits for the output.
  void output_drained() const override {}
  /// Input stopped (the host went away): it restarts with the next DTR.
  void input_stopped(kernel::ErrorCode) const override {}

private:
  /// The console on the USB serial port.
  const capsules::Console &console_;
};

/// The generic HID device's behaviour: every 64-byte output report the host
/// sends comes back as an input report, so a host can check both directions
/// byte for byte.
class LEASH_COMPONENT HidEchoService final
    : public capsules::usb::HidGenericClient {
public:
  /// The service of `device`.
  explicit HidEchoService(const capsules::usb::HidGeneric &device)
      : device_(device) {}

  /// Sends `report` back as an input report.
  void report_received(
      std::span<const std::uint8_t, capsules::usb::hid::generic_report_size>
          report) const override;

private:
  /// The generic HID device.
  const capsules::usb::HidGeneric &device_;
};

} // namespace boards::nrf52840dk

#endif // BOARDS_NRF52840DK_USB_SERVICES_H
