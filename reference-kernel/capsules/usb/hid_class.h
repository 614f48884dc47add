/// HID class codes: requests, report types, protocols, the HID descriptor.
#ifndef CAPSULES_USB_HID_CLASS_H
#define CAPSULES_USB_HID_CLASS_H

#include "capsules/usb/hid_descriptors.h"
#include "capsules/usb/usb_codes.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::usb::hid {

/// bRequest of the HID class requests (HID 1.11 section 7.2).
enum class ClassRequest : std::uint8_t {
  get_report = 0x01,
  get_idle = 0x02,
  get_protocol = 0x03,
  set_report = 0x09,
  set_idle = 0x0A,
  set_protocol = 0x0B,
};

/// wValue's high byte of GET_REPORT and SET_REPORT (section 7.2.1).
enum class ReportType : std::uint8_t {
  input = 1,
  output = 2,
  feature = 3,
};

/// What GET_PROTOCOL answers and SET_PROTOCOL selects (section 7.2.5): a
/// boot interface starts in the report protocol (section 7.2.6).
enum class Protocol : std::uint8_t {
  boot = 0,
  report = 1,
};

/// The largest report the drivers move: one full-speed interrupt packet.
inline constexpr std::size_t max_report_size = 64;

/// The idle rate's unit, in milliseconds (section 7.2.4).
inline constexpr std::uint32_t idle_rate_unit_milliseconds = 4;

/// The HID descriptor (section 6.2.1) with one class descriptor, the report
/// descriptor of `report_length` bytes: the same bytes `HidFunction` writes
/// into the configuration descriptor, answered again for
/// GET_DESCRIPTOR(HID) asked of the interface.
[[nodiscard]] constexpr std::array<std::uint8_t, hid_descriptor_length>
hid_descriptor(std::size_t report_length, std::uint8_t country_code) {
  return {static_cast<std::uint8_t>(hid_descriptor_length),
          static_cast<std::uint8_t>(DescriptorType::hid),
          static_cast<std::uint8_t>(release_1_11 & 0xFFU),
          static_cast<std::uint8_t>(release_1_11 >> 8U),
          country_code,
          1,
          static_cast<std::uint8_t>(DescriptorType::hid_report),
          static_cast<std::uint8_t>(report_length & 0xFFU),
          static_cast<std::uint8_t>((report_length >> 8U) & 0xFFU)};
}

} // namespace capsules::usb::hid

#endif // CAPSULES_USB_HID_CLASS_H
