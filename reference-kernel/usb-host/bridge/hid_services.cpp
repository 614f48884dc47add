/// The bridge's HID applications.
#include "hid_services.h"

#include "kernel/result.h"

#include <string>
#include <utility>

namespace usb_host {

HidEcho::HidEcho(const capsules::usb::HidGeneric &device, EventSink events)
    : device_(device), events_(std::move(events)) {
  device_.set_client(*this);
}

void HidEcho::report_received(
    std::span<const std::uint8_t, capsules::usb::hid::generic_report_size>
        report) const {
  const kernel::Result sent = device_.send(report);
  if (!sent.is_ok()) {
    events_(std::string("hid-echo-refused ") + kernel::name(sent.error()));
  }
}

KeyboardLeds::KeyboardLeds(const capsules::usb::HidKeyboard &keyboard,
                           EventSink events)
    : events_(std::move(events)) {
  keyboard.set_client(*this);
}

void KeyboardLeds::leds_changed(std::uint8_t leds) const {
  events_("keyboard-leds " + std::to_string(leds));
}

} // namespace usb_host
