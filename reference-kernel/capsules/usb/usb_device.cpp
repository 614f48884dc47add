/// UsbDevice: set-up, bus events, and what goes to the class drivers.
#include "capsules/usb/usb_device.h"

#include <utility>

namespace capsules::usb {

using kernel::hil::usb::Direction;
using HilEndpoint = kernel::hil::usb::Endpoint;

UsbDevice::UsbDevice(const kernel::hil::usb::Controller &controller,
                     const DescriptorTable &descriptors,
                     std::span<const FunctionPlacement> functions,
                     std::span<const ClassDriver *const> drivers,
                     leash::Lease<std::uint8_t> control_buffer)
    : controller_(controller), descriptors_(descriptors),
      configuration_(descriptors.configuration()), functions_(functions),
      drivers_(drivers), control_buffer_(std::move(control_buffer)) {}

kernel::Result UsbDevice::attach() const {
  controller_.set_client(*this);
  return controller_.attach();
}

void UsbDevice::bus_reset() const {
  // The controller already disabled every data endpoint and handed back
  // every packet in flight (the HIL's order), endpoint 0's lease included.
  device_state_.set(DeviceState::default_state);
  control_state_.set(ControlState::idle);
  pending_address_.clear();
  remote_wakeup_enabled_.set(false);
  data_offset_.set(0);
  tell_drivers([](const ClassDriver &driver) { driver.reset(); });
}

void UsbDevice::suspend_changed(bool suspended) const {
  suspended_.set(suspended);
  tell_drivers([suspended](const ClassDriver &driver) {
    driver.suspend_changed(suspended);
  });
}

void UsbDevice::packet_sent(std::uint8_t number,
                            leash::Lease<std::uint8_t> buffer,
                            kernel::Result result) const {
  if (number == 0) {
    control_packet_sent(std::move(buffer), result);
    return;
  }
  const std::optional<std::size_t> driver =
      driver_of_endpoint(HilEndpoint{number, Direction::in});
  if (!driver.has_value()) {
    stray_buffer_.put(std::move(buffer));
    return;
  }
  drivers_[*driver]->packet_sent(number, std::move(buffer), result);
}

void UsbDevice::packet_received(std::uint8_t number,
                                leash::Lease<std::uint8_t> buffer,
                                std::size_t length,
                                kernel::Result result) const {
  if (number == 0) {
    control_packet_received(std::move(buffer), length, result);
    return;
  }
  const std::optional<std::size_t> driver =
      driver_of_endpoint(HilEndpoint{number, Direction::out});
  if (!driver.has_value()) {
    stray_buffer_.put(std::move(buffer));
    return;
  }
  drivers_[*driver]->packet_received(number, std::move(buffer), length, result);
}

UsbDevice::Outcome UsbDevice::route_to_driver(const SetupPacket &setup) const {
  // Functions exist for the host only once configured (USB 2.0 section
  // 9.1.1.5): before, their interfaces and endpoints answer nothing.
  if (device_state_.get() != DeviceState::configured) {
    return Outcome::stall;
  }
  std::optional<std::size_t> driver;
  const auto low_byte = static_cast<std::uint8_t>(setup.index & 0xFFU);
  if (setup.recipient() == Recipient::interface) {
    driver = driver_of_interface(low_byte);
  } else if (setup.recipient() == Recipient::endpoint) {
    driver = driver_of_endpoint(HilEndpoint::from_address(low_byte));
  }
  if (!driver.has_value() || !drivers_[*driver]->accept_setup(setup)) {
    return Outcome::stall;
  }
  target_driver_.set(*driver);
  in_source_.set(InSource::class_driver);
  return setup.direction() == DataDirection::device_to_host ? Outcome::data_in
                                                            : Outcome::data_out;
}

std::optional<std::size_t>
UsbDevice::driver_of_interface(std::uint8_t interface) const {
  if (interface >= configuration_.interface_count()) {
    return std::nullopt;
  }
  // Functions hold consecutive interfaces, in order: the owner is the last
  // function that starts at or before `interface`.
  std::optional<std::size_t> owner;
  for (std::size_t index = 0; index < functions_.size(); ++index) {
    if (functions_[index].first_interface <= interface) {
      owner = index;
    }
  }
  if (!owner.has_value() || *owner >= drivers_.size() ||
      drivers_[*owner] == nullptr) {
    return std::nullopt;
  }
  return owner;
}

std::optional<std::size_t>
UsbDevice::driver_of_endpoint(HilEndpoint endpoint) const {
  const std::optional<DeclaredEndpoint> declared =
      configuration_.find_endpoint(endpoint);
  if (!declared.has_value()) {
    return std::nullopt;
  }
  return driver_of_interface(declared->interface);
}

} // namespace capsules::usb
