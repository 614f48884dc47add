/// HidKeyboard: a boot keyboard's reports on top of a HidDriver.
#ifndef CAPSULES_USB_HID_KEYBOARD_H
#define CAPSULES_USB_HID_KEYBOARD_H

#include "capsules/usb/hid_driver.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace capsules::usb {

/// What a keyboard tells its user: the host changed the LEDs.
class LEASH_COMPONENT HidKeyboardClient {
public:
  /// The LED bits of the host's last output report (bit 0 Num Lock, 1 Caps
  /// Lock, 2 Scroll Lock, 3 Compose, 4 Kana: HID 1.11 appendix B.1).
  virtual void leds_changed(std::uint8_t leds) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~HidKeyboardClient() = default;
};

/// A keyboard speaking the boot report format (HID 1.11 appendix B.1) on a
/// HidDriver whose report descriptor is `hid::keyboard_boot_report_descriptor`
/// (the same 8 bytes in the boot and the report protocol). It makes itself
/// the driver's client.
class LEASH_COMPONENT HidKeyboard final : public HidClient {
public:
  /// The length of a boot keyboard input report.
  static constexpr std::size_t report_length = 8;
  /// How many keys a boot report holds at once.
  static constexpr std::size_t max_keys = 6;

  /// A keyboard on `hid`.
  explicit HidKeyboard(const HidDriver &hid);

  /// Sends later LED changes to `client`.
  void set_client(const HidKeyboardClient &client) const {
    client_.set(&client);
  }

  /// Reports `modifiers` (bit 0 left Control to bit 7 right GUI) and the
  /// usage codes in `keys` (0: no key) as held; what the driver's
  /// `send_report` says.
  kernel::Result press(std::uint8_t modifiers,
                       const std::array<std::uint8_t, max_keys> &keys) const;
  /// Reports every key released.
  kernel::Result release_all() const;

  /// The LED bits the host last set.
  [[nodiscard]] std::uint8_t leds() const { return leds_.get(); }

  /// The host's output report: one byte of LED bits.
  void output_report(std::span<const std::uint8_t> report) const override;

private:
  /// The HID interface.
  const HidDriver &hid_;
  /// Who hears of LED changes.
  leash::OptionalCell<const HidKeyboardClient *> client_;
  /// The LED bits the host last set.
  leash::Cell<std::uint8_t> leds_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_HID_KEYBOARD_H
