/// The device side of the bridge: what the usbredir link drives.
#ifndef USB_HOST_BRIDGE_BRIDGED_DEVICE_H
#define USB_HOST_BRIDGE_BRIDGED_DEVICE_H

#include "kernel/hil/usb.h"
#include "support/scripted_usb_host.h"
#include "support/simulated_nrf52840_usbd.h"

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <string_view>

namespace usb_host {

/// Where a device reports what the host did to it (line coding, control
/// lines, LEDs): one line of text per event, without the `event ` prefix.
using EventSink = std::function<void(const std::string &)>;

/// A USB device as the bridge sees it, one bus transaction at a time: the
/// reference stack on the simulated USBD (`StackDevice`), or a bare echo that
/// does no stack work (`EchoDevice`, the benchmark's ceiling).
class BridgedDevice {
public:
  virtual ~BridgedDevice() = default;

  /// The device descriptor, as the device answers GET_DESCRIPTOR.
  [[nodiscard]] virtual std::span<const std::uint8_t>
  device_descriptor() const = 0;
  /// The configuration descriptor with everything under it.
  [[nodiscard]] virtual std::span<const std::uint8_t>
  configuration_descriptor() const = 0;

  /// VBUS appears and the device connects; false when it does not.
  virtual bool attach() = 0;
  /// VBUS goes: the device disconnects, and every transfer ends.
  virtual void detach() = 0;
  /// The host resets the bus.
  virtual void bus_reset() = 0;

  /// A whole control transfer on endpoint 0 (`out_data` is the OUT data
  /// stage of a control write).
  virtual host_tests::ControlResult
  control(const kernel::hil::usb::SetupBytes &setup,
          std::span<const std::uint8_t> out_data) = 0;
  /// One IN token to endpoint `number`.
  virtual host_tests::InResult in_token(std::uint8_t number) = 0;
  /// One OUT packet to endpoint `number`.
  virtual host_tests::Handshake
  out_packet(std::uint8_t number, std::span<const std::uint8_t> bytes) = 0;
  /// The bus has been quiet for a while: time-driven work (a serial port's
  /// receive timeout) runs.
  virtual void idle() {}

  /// A device-specific command of the harness (`serial-state BITS`,
  /// `hid-report HEX`); false with `error` set when it does not apply.
  virtual bool command(std::string_view name, std::string_view argument,
                       std::string &error) = 0;
  /// Whether every buffer the device owns is back with its owner (none
  /// left with the controller); checked after each detach and at the end.
  [[nodiscard]] virtual bool leases_home() const = 0;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_BRIDGED_DEVICE_H
