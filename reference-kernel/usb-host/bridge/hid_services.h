/// The bridge's HID applications: an echo of generic reports, and a
/// keyboard whose LED changes are reported.
#ifndef USB_HOST_BRIDGE_HID_SERVICES_H
#define USB_HOST_BRIDGE_HID_SERVICES_H

#include "bridged_device.h"
#include "capsules/usb/hid_generic.h"
#include "capsules/usb/hid_keyboard.h"

#include <cstdint>
#include <span>

namespace usb_host {

/// Every 64-byte output report comes back as an input report (the board's
/// HID echo, reporting refusals as events instead of on a debug UART).
class HidEcho final : public capsules::usb::HidGenericClient {
public:
  /// The echo of `device`, reporting to `events`; it makes itself the
  /// device's client.
  HidEcho(const capsules::usb::HidGeneric &device, EventSink events);

  /// Sends `report` back as an input report.
  void report_received(
      std::span<const std::uint8_t, capsules::usb::hid::generic_report_size>
          report) const override;

private:
  /// The generic HID device.
  const capsules::usb::HidGeneric &device_;
  /// Where refusals are reported.
  EventSink events_;
};

/// Reports the LED bits the host sets on the keyboard as
/// `keyboard-leds BITS`.
class KeyboardLeds final : public capsules::usb::HidKeyboardClient {
public:
  /// The reporter of `keyboard`'s LEDs; it makes itself its client.
  KeyboardLeds(const capsules::usb::HidKeyboard &keyboard, EventSink events);

  /// Reports `leds`.
  void leds_changed(std::uint8_t leds) const override;

private:
  /// Where changes are reported.
  EventSink events_;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_HID_SERVICES_H
