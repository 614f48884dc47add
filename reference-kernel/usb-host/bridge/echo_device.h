/// EchoDevice: a serial port device with no USB stack behind it.
#ifndef USB_HOST_BRIDGE_ECHO_DEVICE_H
#define USB_HOST_BRIDGE_ECHO_DEVICE_H

#include "bridged_device.h"
#include "serial_echo.h"

#include <cstddef>
#include <cstdint>
#include <deque>

namespace usb_host {

/// The serial port device's descriptors answered straight from their bytes,
/// and bulk OUT packets queued for bulk IN: no driver, no device core, no
/// simulation. Through the same bridge it measures the ceiling of the
/// set-up (QEMU, usbredir, the bridge's own work), against which the
/// benchmark compares the stack.
class EchoDevice final : public BridgedDevice {
public:
  /// How many bytes wait for the host at most before OUT packets are
  /// NAKed: as many as the stack's serial echo holds in its two leases, so
  /// that the benchmark compares equal buffering.
  static constexpr std::size_t queue_limit = 2 * SerialEcho::buffer_size;

  [[nodiscard]] std::span<const std::uint8_t>
  device_descriptor() const override;
  [[nodiscard]] std::span<const std::uint8_t>
  configuration_descriptor() const override;
  bool attach() override { return true; }
  void detach() override { queue_.clear(); }
  void bus_reset() override { queue_.clear(); }
  /// GET_DESCRIPTOR from the table; GET_LINE_CODING's seven bytes; every
  /// other request accepted without data.
  host_tests::ControlResult
  control(const kernel::hil::usb::SetupBytes &setup,
          std::span<const std::uint8_t> out_data) override;
  host_tests::InResult in_token(std::uint8_t number) override;
  host_tests::Handshake
  out_packet(std::uint8_t number, std::span<const std::uint8_t> bytes) override;
  bool command(std::string_view name, std::string_view,
               std::string &error) override;
  [[nodiscard]] bool leases_home() const override { return true; }

private:
  /// The bytes received and not yet sent back.
  std::deque<std::uint8_t> queue_;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_ECHO_DEVICE_H
