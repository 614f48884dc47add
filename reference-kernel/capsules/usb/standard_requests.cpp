/// UsbDevice: the standard requests of USB 2.0 chapter 9.
#include "capsules/usb/usb_device.h"

namespace capsules::usb {

using HilEndpoint = kernel::hil::usb::Endpoint;

namespace {

/// TEST_MODE's feature selector: a full-speed device has no test modes
/// (USB 2.0 section 7.1.20 defines them for high speed).
constexpr auto test_mode =
    static_cast<std::uint16_t>(FeatureSelector::test_mode);

} // namespace

UsbDevice::Outcome UsbDevice::serve_standard(const SetupPacket &setup) const {
  // Shape first, then the device state: both in one place, before any
  // handler runs, so that no handler has to think about either.
  if (!setup.is_well_formed_standard_request() ||
      !standard_request_allowed(setup, device_state_.get())) {
    return Outcome::stall;
  }
  switch (*setup.standard_request()) {
  case StandardRequest::get_status:
    return get_status(setup);
  case StandardRequest::clear_feature:
    return change_feature(setup, false);
  case StandardRequest::set_feature:
    return change_feature(setup, true);
  case StandardRequest::set_address:
    pending_address_.set(static_cast<std::uint8_t>(setup.value));
    return Outcome::status;
  case StandardRequest::get_descriptor:
    return get_descriptor(setup);
  case StandardRequest::get_configuration:
    return reply(device_state_.get() == DeviceState::configured
                     ? configuration_.value()
                     : 0,
                 0, 1);
  case StandardRequest::set_configuration:
    return set_configuration(setup);
  case StandardRequest::get_interface:
    // Alternate setting 0 is the only one.
    return has_interface(setup.index) ? reply(0, 0, 1) : Outcome::stall;
  case StandardRequest::set_interface:
    return set_interface(setup);
  case StandardRequest::set_descriptor:
  case StandardRequest::synch_frame:
    return Outcome::stall; // Never allowed: see standard_request_allowed.
  }
  return Outcome::stall;
}

UsbDevice::Outcome UsbDevice::get_status(const SetupPacket &setup) const {
  switch (setup.recipient()) {
  case Recipient::device: {
    // USB 2.0 figure 9-4: bit 0 self powered, bit 1 remote wakeup.
    const auto bits = static_cast<std::uint8_t>(
        (configuration_.self_powered() ? 0x01U : 0x00U) |
        (remote_wakeup_enabled_.get() ? 0x02U : 0x00U));
    return reply(bits, 0, 2);
  }
  case Recipient::interface:
    // Figure 9-5: all bits reserved.
    return has_interface(setup.index) ? reply(0, 0, 2) : Outcome::stall;
  case Recipient::endpoint: {
    // Figure 9-6: bit 0 halt.
    const HilEndpoint endpoint =
        HilEndpoint::from_address(static_cast<std::uint8_t>(setup.index));
    if (endpoint.number == 0) {
      return reply(0, 0, 2);
    }
    if (!configuration_.find_endpoint(endpoint).has_value()) {
      return Outcome::stall;
    }
    return reply(controller_.is_endpoint_halted(endpoint) ? 1 : 0, 0, 2);
  }
  case Recipient::other:
  case Recipient::reserved:
    return Outcome::stall;
  }
  return Outcome::stall;
}

UsbDevice::Outcome UsbDevice::change_feature(const SetupPacket &setup,
                                             bool set) const {
  if (setup.value == test_mode) {
    return Outcome::stall; // Full speed: no test modes.
  }
  switch (setup.recipient()) {
  case Recipient::device:
    if (setup.value !=
            static_cast<std::uint16_t>(FeatureSelector::device_remote_wakeup) ||
        !configuration_.supports_remote_wakeup()) {
      return Outcome::stall;
    }
    remote_wakeup_enabled_.set(set);
    return Outcome::status;
  case Recipient::endpoint: {
    if (setup.value !=
        static_cast<std::uint16_t>(FeatureSelector::endpoint_halt)) {
      return Outcome::stall;
    }
    const HilEndpoint endpoint =
        HilEndpoint::from_address(static_cast<std::uint8_t>(setup.index));
    if (endpoint.number == 0) {
      // Endpoint 0 has no halt feature (USB 2.0 section 9.4.5 neither
      // requires nor recommends one): clearing it does nothing, setting it
      // is a request error.
      return set ? Outcome::stall : Outcome::status;
    }
    const std::optional<std::size_t> driver = driver_of_endpoint(endpoint);
    if (!configuration_.find_endpoint(endpoint).has_value() ||
        !controller_.set_endpoint_halt(endpoint, set).is_ok()) {
      return Outcome::stall;
    }
    if (driver.has_value()) {
      drivers_[*driver]->endpoint_halt_changed(endpoint, set);
    }
    return Outcome::status;
  }
  case Recipient::interface:
    // USB 2.0 defines no interface feature.
  case Recipient::other:
  case Recipient::reserved:
    return Outcome::stall;
  }
  return Outcome::stall;
}

UsbDevice::Outcome UsbDevice::get_descriptor(const SetupPacket &setup) const {
  if (setup.recipient() == Recipient::interface) {
    return route_to_driver(setup); // A class descriptor (HID's).
  }
  // An empty span asks only whether the descriptor exists.
  if (!descriptors_.answer_get_descriptor(setup, 0, {}).has_value()) {
    return Outcome::stall;
  }
  in_source_.set(InSource::descriptor_table);
  return Outcome::data_in;
}

UsbDevice::Outcome
UsbDevice::set_configuration(const SetupPacket &setup) const {
  if (setup.value == 0) {
    deconfigure();
    return Outcome::status;
  }
  if (setup.value != configuration_.value()) {
    return Outcome::stall;
  }
  // Selecting the configuration again resets it (section 9.1.1.5): its
  // endpoints start afresh with their data toggles reset.
  deconfigure();
  if (!enable_endpoints(std::nullopt)) {
    disable_endpoints(); // Those that were enabled; the state stays address.
    return Outcome::stall;
  }
  device_state_.set(DeviceState::configured);
  tell_drivers([](const ClassDriver &driver) { driver.configured(true); });
  return Outcome::status;
}

UsbDevice::Outcome UsbDevice::set_interface(const SetupPacket &setup) const {
  if (!has_interface(setup.index) || setup.value != 0) {
    return Outcome::stall; // Alternate setting 0 is the only one.
  }
  // Section 9.4.10: the interface's endpoints reset their data toggles.
  return enable_endpoints(static_cast<std::uint8_t>(setup.index))
             ? Outcome::status
             : Outcome::stall;
}

UsbDevice::Outcome UsbDevice::reply(std::uint8_t first, std::uint8_t second,
                                    std::size_t length) const {
  standard_reply_.set({first, second});
  standard_reply_length_.set(length);
  in_source_.set(InSource::standard_reply);
  return Outcome::data_in;
}

bool UsbDevice::enable_endpoints(std::optional<std::uint8_t> interface) const {
  bool all_enabled = true;
  configuration_.for_each_endpoint(
      [this, interface, &all_enabled](const DeclaredEndpoint &declared) {
        if (interface.has_value() && declared.interface != *interface) {
          return;
        }
        all_enabled = controller_
                          .enable_endpoint(declared.endpoint, declared.type,
                                           declared.max_packet_size)
                          .is_ok() &&
                      all_enabled;
      });
  return all_enabled;
}

void UsbDevice::deconfigure() const {
  if (device_state_.get() != DeviceState::configured) {
    return; // Nothing enabled, nobody to tell.
  }
  disable_endpoints();
  device_state_.set(DeviceState::address);
  tell_drivers([](const ClassDriver &driver) { driver.configured(false); });
}

void UsbDevice::disable_endpoints() const {
  configuration_.for_each_endpoint([this](const DeclaredEndpoint &declared) {
    controller_.disable_endpoint(declared.endpoint);
  });
}

bool UsbDevice::has_interface(std::uint16_t interface) const {
  return interface < configuration_.interface_count();
}

} // namespace capsules::usb
