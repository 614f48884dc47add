/// The numeric codes of USB 2.0 chapter 9 and of the class specifications.
#ifndef CAPSULES_USB_USB_CODES_H
#define CAPSULES_USB_USB_CODES_H

#include <cstdint>

namespace capsules::usb {

/// bDescriptorType values: USB 2.0 table 9-5, the IAD ECN, HID 1.11 section
/// 7.1 and CDC 1.2 table 12. Also the high byte of GET_DESCRIPTOR's wValue.
enum class DescriptorType : std::uint8_t {
  device = 0x01,
  configuration = 0x02,
  string = 0x03,
  interface = 0x04,
  endpoint = 0x05,
  device_qualifier = 0x06,
  other_speed_configuration = 0x07,
  interface_power = 0x08,
  interface_association = 0x0B,
  hid = 0x21,
  hid_report = 0x22,
  hid_physical = 0x23,
  class_specific_interface = 0x24,
  class_specific_endpoint = 0x25,
};

/// bRequest of the standard requests: USB 2.0 table 9-4.
enum class StandardRequest : std::uint8_t {
  get_status = 0,
  clear_feature = 1,
  set_feature = 3,
  set_address = 5,
  get_descriptor = 6,
  set_descriptor = 7,
  get_configuration = 8,
  set_configuration = 9,
  get_interface = 10,
  set_interface = 11,
  synch_frame = 12,
};

/// wValue of CLEAR_FEATURE and SET_FEATURE: USB 2.0 table 9-6.
enum class FeatureSelector : std::uint16_t {
  endpoint_halt = 0,
  device_remote_wakeup = 1,
  test_mode = 2,
};

/// Class codes (bDeviceClass, bInterfaceClass, bFunctionClass) from the
/// USB-IF's list; the ones this stack declares.
namespace class_code {
/// In a device descriptor: each interface names its own class.
inline constexpr std::uint8_t per_interface = 0x00;
/// CDC communication interface (CDC 1.2 table 3).
inline constexpr std::uint8_t communications = 0x02;
/// HID interface (HID 1.11 section 4.1).
inline constexpr std::uint8_t hid = 0x03;
/// CDC data interface (CDC 1.2 table 6).
inline constexpr std::uint8_t cdc_data = 0x0A;
/// Miscellaneous: with subclass 0x02 and protocol 0x01 it announces that the
/// configuration groups interfaces with Interface Association Descriptors.
inline constexpr std::uint8_t miscellaneous = 0xEF;
/// Vendor-specific.
inline constexpr std::uint8_t vendor_specific = 0xFF;
} // namespace class_code

/// bcdUSB of a USB 2.0 device (full speed included).
inline constexpr std::uint16_t usb_2_0 = 0x0200;

/// The language of every string this stack sends: English (United States),
/// the one language id that every host asks for.
inline constexpr std::uint16_t language_english_united_states = 0x0409;

} // namespace capsules::usb

#endif // CAPSULES_USB_USB_CODES_H
