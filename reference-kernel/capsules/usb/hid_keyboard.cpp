/// HidKeyboard: boot reports out, LED reports in.
#include "capsules/usb/hid_keyboard.h"

namespace capsules::usb {

HidKeyboard::HidKeyboard(const HidDriver &hid) : hid_(hid) {
  hid.set_client(*this);
}

kernel::Result
HidKeyboard::press(std::uint8_t modifiers,
                   const std::array<std::uint8_t, max_keys> &keys) const {
  // Byte 0 modifiers, byte 1 reserved, bytes 2..7 the keys (appendix B.1).
  std::array<std::uint8_t, report_length> report{modifiers, 0};
  for (std::size_t key = 0; key < max_keys; ++key) {
    report[2 + key] = keys[key];
  }
  return hid_.send_report(report);
}

kernel::Result HidKeyboard::release_all() const {
  const std::array<std::uint8_t, report_length> report{};
  return hid_.send_report(report);
}

void HidKeyboard::output_report(std::span<const std::uint8_t> report) const {
  if (report.empty()) {
    return; // Nothing to read: the LEDs stay.
  }
  // Bits 5..7 are padding (appendix B.1): only the five LEDs count.
  const auto leds = static_cast<std::uint8_t>(report[0] & 0x1FU);
  leds_.set(leds);
  client_.map(
      [leds](const HidKeyboardClient *client) { client->leds_changed(leds); });
}

} // namespace capsules::usb
