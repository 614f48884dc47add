/// SetupPacket: the shape checks of USB 2.0 table 9-3.
#include "capsules/usb/setup_packet.h"

namespace capsules::usb {

namespace {

/// The highest address SET_ADDRESS may assign (7-bit addresses).
constexpr std::uint16_t highest_device_address = 127;

/// Whether wIndex names an endpoint in the form of USB 2.0 figure 9-2: a
/// direction bit, an endpoint number, nothing else.
constexpr bool is_endpoint_index(std::uint16_t index) {
  return (index & 0xFF70U) == 0;
}

/// Whether wIndex names an interface (figure 9-3: the high byte is reserved).
constexpr bool is_interface_index(std::uint16_t index) {
  return (index & 0xFF00U) == 0;
}

/// The wIndex that the recipient requires: zero for the device, an
/// interface or an endpoint otherwise; `other` is not used by a device.
bool index_fits_recipient(Recipient recipient, std::uint16_t index) {
  switch (recipient) {
  case Recipient::device:
    return index == 0;
  case Recipient::interface:
    return is_interface_index(index);
  case Recipient::endpoint:
    return is_endpoint_index(index);
  case Recipient::other:
  case Recipient::reserved:
    return false;
  }
  return false;
}

/// Whether the recipient is the device, an interface or an endpoint.
bool is_device_interface_or_endpoint(Recipient recipient) {
  return recipient == Recipient::device || recipient == Recipient::interface ||
         recipient == Recipient::endpoint;
}

/// CLEAR_FEATURE and SET_FEATURE. TEST_MODE keeps its test selector in
/// wIndex's high byte (USB 2.0 section 9.4.9), so wIndex's low byte alone
/// must be zero for it.
bool feature_request_is_well_formed(const SetupPacket &packet,
                                    StandardRequest request) {
  if (packet.direction() != DataDirection::host_to_device ||
      packet.length != 0 ||
      !is_device_interface_or_endpoint(packet.recipient())) {
    return false;
  }
  const bool test_mode =
      packet.value == static_cast<std::uint16_t>(FeatureSelector::test_mode);
  if (test_mode) {
    return request == StandardRequest::set_feature &&
           packet.recipient() == Recipient::device &&
           (packet.index & 0x00FFU) == 0;
  }
  return index_fits_recipient(packet.recipient(), packet.index);
}

} // namespace

bool SetupPacket::is_well_formed_standard_request() const {
  const std::optional<StandardRequest> request = standard_request();
  if (!request.has_value()) {
    return false;
  }
  const bool in = direction() == DataDirection::device_to_host;
  const bool out = !in;
  switch (*request) {
  case StandardRequest::get_status:
    return in && is_device_interface_or_endpoint(recipient()) && value == 0 &&
           length == 2 && index_fits_recipient(recipient(), index);
  case StandardRequest::clear_feature:
  case StandardRequest::set_feature:
    return feature_request_is_well_formed(*this, *request);
  case StandardRequest::set_address:
    return out && recipient() == Recipient::device &&
           value <= highest_device_address && index == 0 && length == 0;
  case StandardRequest::get_descriptor:
    // wIndex is zero or a language id; any wLength is allowed. Class
    // specifications extend it to interfaces (HID 1.11 section 7.1: the HID
    // and report descriptors), so an interface recipient is well formed too;
    // the interface's class driver answers those.
    return in && (recipient() == Recipient::device ||
                  recipient() == Recipient::interface);
  case StandardRequest::set_descriptor:
    return out && recipient() == Recipient::device;
  case StandardRequest::get_configuration:
    return in && recipient() == Recipient::device && value == 0 && index == 0 &&
           length == 1;
  case StandardRequest::set_configuration:
    // wValue's high byte is reserved (section 9.4.7).
    return out && recipient() == Recipient::device && value <= 0xFF &&
           index == 0 && length == 0;
  case StandardRequest::get_interface:
    return in && recipient() == Recipient::interface && value == 0 &&
           is_interface_index(index) && length == 1;
  case StandardRequest::set_interface:
    return out && recipient() == Recipient::interface && value <= 0xFF &&
           is_interface_index(index) && length == 0;
  case StandardRequest::synch_frame:
    return in && recipient() == Recipient::endpoint && value == 0 &&
           is_endpoint_index(index) && length == 2;
  }
  return false;
}

} // namespace capsules::usb
