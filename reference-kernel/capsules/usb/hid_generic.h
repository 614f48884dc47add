/// HidGeneric: a generic device of 64-byte input and output reports.
#ifndef CAPSULES_USB_HID_GENERIC_H
#define CAPSULES_USB_HID_GENERIC_H

#include "capsules/usb/hid_driver.h"
#include "capsules/usb/hid_report_descriptors.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/optional_cell.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace capsules::usb {

/// What a generic HID device tells its user.
class LEASH_COMPONENT HidGenericClient {
public:
  /// The host sent a 64-byte output report; `report` is valid during the
  /// call only.
  virtual void report_received(
      std::span<const std::uint8_t, hid::generic_report_size> report) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~HidGenericClient() = default;
};

/// A device of opaque 64-byte reports (`hid::generic_in_out_items`) on a
/// HidDriver: the host's hidraw or HID API talks to it without a driver.
/// It makes itself the driver's client.
class LEASH_COMPONENT HidGeneric final : public HidClient {
public:
  /// A generic device on `hid`.
  explicit HidGeneric(const HidDriver &hid);

  /// Sends later output reports to `client`.
  void set_client(const HidGenericClient &client) const {
    client_.set(&client);
  }

  /// Sends `report` as the next input report; what the driver's
  /// `send_report` says.
  kernel::Result
  send(std::span<const std::uint8_t, hid::generic_report_size> report) const;

  /// An output report: handed on when it is a whole 64 bytes, dropped
  /// otherwise (the report descriptor allows no other length).
  void output_report(std::span<const std::uint8_t> report) const override;

private:
  /// The HID interface.
  const HidDriver &hid_;
  /// Who hears of output reports.
  leash::OptionalCell<const HidGenericClient *> client_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_HID_GENERIC_H
