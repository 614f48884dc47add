/// HidGeneric: 64-byte reports both ways.
#include "capsules/usb/hid_generic.h"

namespace capsules::usb {

HidGeneric::HidGeneric(const HidDriver &hid) : hid_(hid) {
  hid.set_client(*this);
}

kernel::Result HidGeneric::send(
    std::span<const std::uint8_t, hid::generic_report_size> report) const {
  return hid_.send_report(report);
}

void HidGeneric::output_report(std::span<const std::uint8_t> report) const {
  if (report.size() != hid::generic_report_size) {
    return;
  }
  const std::span<const std::uint8_t, hid::generic_report_size> whole =
      report.first<hid::generic_report_size>();
  client_.map([whole](const HidGenericClient *client) {
    client->report_received(whole);
  });
}

} // namespace capsules::usb
