/// DeviceState, ControlState, and the standard requests each state allows.
#ifndef CAPSULES_USB_DEVICE_STATE_H
#define CAPSULES_USB_DEVICE_STATE_H

#include "capsules/usb/setup_packet.h"
#include "capsules/usb/usb_codes.h"

#include <cstdint>
#include <optional>

namespace capsules::usb {

/// The visible device states of USB 2.0 section 9.1.1 that a bus-powered,
/// attached device moves between (attached and powered are the controller's
/// business; suspension is tracked apart, as it overlays every state).
enum class DeviceState : std::uint8_t {
  /// After a bus reset: answers at address 0.
  default_state,
  /// SET_ADDRESS gave it an address; not configured.
  address,
  /// SET_CONFIGURATION selected the configuration; functions run.
  configured,
};

/// Where endpoint 0 is in a control transfer.
enum class ControlState : std::uint8_t {
  /// No transfer, or the last one ended with its status stage.
  idle,
  /// Sending the IN data stage, a packet at a time.
  data_in,
  /// Receiving the OUT data stage, a packet at a time.
  data_out,
  /// The transfer was stalled; the next SETUP ends it.
  stalled,
};

/// Whether chapter 9 lets the device serve the standard request `setup` in
/// `state`: the one place where requests are checked against the device
/// state (Zephyr's usbd_ch9.c does the same), before any handler runs. It
/// assumes `setup` is well formed (`is_well_formed_standard_request`).
/// Behaviour that USB 2.0 section 9.4 leaves unspecified in a state (GET_
/// CONFIGURATION in the default state, SET_ADDRESS when configured) is a
/// stall. Whether the named interface or endpoint exists is the handlers'
/// check, against the configuration.
constexpr bool standard_request_allowed(const SetupPacket &setup,
                                        DeviceState state) {
  const std::optional<StandardRequest> request = setup.standard_request();
  if (!request.has_value()) {
    return false;
  }
  const bool configured = state == DeviceState::configured;
  const bool addressed = state == DeviceState::address;
  // In the address state only the device and endpoint 0 answer (sections
  // 9.4.1, 9.4.5, 9.4.9: "Request Error" for any other recipient).
  const bool recipient_exists_before_configuration =
      setup.recipient() == Recipient::device ||
      (setup.recipient() == Recipient::endpoint && (setup.index & 0x0FU) == 0);
  switch (*request) {
  case StandardRequest::get_status:
  case StandardRequest::clear_feature:
  case StandardRequest::set_feature:
    return configured || (addressed && recipient_exists_before_configuration);
  case StandardRequest::set_address:
    return state != DeviceState::configured;
  case StandardRequest::get_descriptor:
    // A standard descriptor is asked of the device in any state; one asked
    // of an interface (HID's) needs that interface, so a configuration.
    return setup.recipient() == Recipient::device || configured;
  case StandardRequest::get_configuration:
  case StandardRequest::set_configuration:
    return addressed || configured;
  case StandardRequest::get_interface:
  case StandardRequest::set_interface:
    return configured;
  case StandardRequest::set_descriptor:
    // Optional (section 9.4.8); descriptors live in flash.
  case StandardRequest::synch_frame:
    // Only isochronous endpoints have frames to synchronise.
    return false;
  }
  return false;
}

} // namespace capsules::usb

#endif // CAPSULES_USB_DEVICE_STATE_H
