/// The board's USB services: the console's start, its echo, the HID echo.
#include "boards/nrf52840dk/usb_services.h"

#include "kernel/debug.h"

namespace boards::nrf52840dk {

void UsbConsoleService::control_lines_changed(bool dtr, bool) const {
  if (!dtr) {
    return;
  }
  const kernel::Result started = console_.start_input();
  if (!started.is_ok() && started.error() != kernel::ErrorCode::already) {
    kernel::debug::print("usb console: cannot read: ");
    kernel::debug::print_line(kernel::name(started.error()));
  }
}

void UsbConsoleService::line_received(std::string_view line) const {
  console_.write_line(line);
}

void HidEchoService::report_received(
    std::span<const std::uint8_t, capsules::usb::hid::generic_report_size>
        report) const {
  const kernel::Result sent = device_.send(report);
  if (!sent.is_ok()) {
    kernel::debug::print("hid echo: report not sent: ");
    kernel::debug::print_line(kernel::name(sent.error()));
  }
}

} // namespace boards::nrf52840dk
