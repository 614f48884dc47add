/// StackDevice: the reference USB stack on the simulated nRF52840 USBD.
#ifndef USB_HOST_BRIDGE_STACK_DEVICE_H
#define USB_HOST_BRIDGE_STACK_DEVICE_H

#include "bridged_device.h"
#include "capsules/usb/cdc_acm.h"
#include "capsules/usb/descriptor_table.h"
#include "capsules/usb/hid_driver.h"
#include "capsules/usb/hid_generic.h"
#include "capsules/usb/hid_keyboard.h"
#include "capsules/usb/usb_device.h"
#include "chips/nrf52840/usbd.h"
#include "hid_services.h"
#include "serial_echo.h"
#include "support/scripted_usb_host.h"
#include "support/simulated_nrf52840_usbd.h"

#include <array>
#include <cstdint>
#include <optional>

namespace usb_host {

/// Which example device of `capsules/usb/standard_configurations.h` the
/// stack is.
enum class StackKind : std::uint8_t {
  /// One CDC-ACM serial port, echoing.
  serial,
  /// One boot keyboard.
  keyboard,
  /// The serial port and the generic HID device (the nRF52840 DK board's
  /// device).
  composite,
};

/// The nRF52840 board's USB stack -- the same `UsbDevice`, class drivers and
/// USBD driver sources, wired as `boards/nrf52840dk/platform.cpp` wires them
/// -- on the register-level USBD simulation, with small applications on the
/// functions (a serial echo, a HID echo, the keyboard's LED reporter). Each
/// bus transaction goes to the simulation, then the kernel loop runs until
/// the driver and the stack have nothing left to do.
class StackDevice final : public BridgedDevice {
public:
  /// The stack of `kind`, reporting to `events`. Not attached yet.
  StackDevice(StackKind kind, EventSink events);

  StackDevice(const StackDevice &) = delete;
  StackDevice &operator=(const StackDevice &) = delete;

  [[nodiscard]] std::span<const std::uint8_t>
  device_descriptor() const override {
    return device_descriptor_;
  }
  [[nodiscard]] std::span<const std::uint8_t>
  configuration_descriptor() const override {
    return table_.configuration();
  }
  bool attach() override;
  void detach() override;
  void bus_reset() override;
  host_tests::ControlResult
  control(const kernel::hil::usb::SetupBytes &setup,
          std::span<const std::uint8_t> out_data) override;
  host_tests::InResult in_token(std::uint8_t number) override;
  host_tests::Handshake
  out_packet(std::uint8_t number, std::span<const std::uint8_t> bytes) override;
  void idle() override;
  /// `serial-state BITS` (CDC SERIAL_STATE bitmap, decimal or 0x hex) and
  /// `hid-report HEX` (an input report: 8 bytes for the keyboard, of which
  /// byte 0 is the modifiers and bytes 2..7 the keys; 64 for the generic
  /// device).
  bool command(std::string_view name, std::string_view argument,
               std::string &error) override;
  [[nodiscard]] bool leases_home() const override;

private:
  /// Runs the driver's bottom half and the deferred calls until idle.
  void run_kernel_loop();

  /// What the device answers to GET_DESCRIPTOR.
  const capsules::usb::DescriptorTable &table_;
  /// The device descriptor's bytes.
  std::span<const std::uint8_t> device_descriptor_;
  /// The USBD and its EasyDMA.
  host_tests::SimulatedNrf52840Usbd model_;
  /// The driver, as in the chip.
  chips::nrf52840::Usbd usbd_;
  /// Endpoint 0's lease's storage.
  std::uint8_t control_storage_[64] = {};
  /// The CDC-ACM driver's notification, IN and OUT packet storage.
  std::uint8_t serial_storage_[3][64] = {};
  /// The HID driver's IN and OUT report storage.
  std::uint8_t hid_storage_[2][64] = {};
  /// The serial port, when the device has one.
  std::optional<capsules::usb::CdcAcm> serial_;
  /// Its echo.
  std::optional<SerialEcho> serial_echo_;
  /// The HID interface, when the device has one.
  std::optional<capsules::usb::HidDriver> hid_;
  /// The generic HID device on it (composite).
  std::optional<capsules::usb::HidGeneric> hid_generic_;
  /// Its echo.
  std::optional<HidEcho> hid_echo_;
  /// The keyboard on it (keyboard).
  std::optional<capsules::usb::HidKeyboard> keyboard_;
  /// Its LED reporter.
  std::optional<KeyboardLeds> keyboard_leds_;
  /// The class drivers, in function order.
  std::array<const capsules::usb::ClassDriver *, 2> drivers_{};
  /// The device core.
  std::optional<capsules::usb::UsbDevice> device_;
  /// Whole control transfers on the simulated bus.
  host_tests::ScriptedUsbHost host_;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_STACK_DEVICE_H
