/// Ready-made HID report descriptors: boot keyboard, generic device.
#ifndef CAPSULES_USB_HID_REPORT_DESCRIPTORS_H
#define CAPSULES_USB_HID_REPORT_DESCRIPTORS_H

#include "capsules/usb/hid_report_items.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::usb::hid {

/// The items of the boot keyboard (HID 1.11 appendix B.1, in the item order
/// of the encoded example in appendix E.6): the report layout a BIOS assumes
/// without reading any descriptor.
inline constexpr std::array keyboard_boot_items{
    usage_page(UsagePage::generic_desktop),
    usage(generic_desktop::keyboard),
    collection(CollectionType::application),
    // Input byte 0: the eight modifier keys (left control 0xE0 to right GUI
    // 0xE7), one bit each.
    usage_page(UsagePage::keyboard),
    usage_minimum(0xE0),
    usage_maximum(0xE7),
    logical_minimum(0),
    logical_maximum(1),
    report_size(1),
    report_count(8),
    input(main_flags::data_variable_absolute),
    // Input byte 1: reserved.
    report_count(1),
    report_size(8),
    input(main_flags::constant),
    // Output bits 0..4: the five LEDs (Num Lock to Kana).
    report_count(5),
    report_size(1),
    usage_page(UsagePage::leds),
    usage_minimum(1),
    usage_maximum(5),
    output(main_flags::data_variable_absolute),
    // Output bits 5..7: padding to a byte.
    report_count(1),
    report_size(3),
    output(main_flags::constant),
    // Input bytes 2..7: up to six pressed keys, codes 0 to 101.
    report_count(6),
    report_size(8),
    logical_minimum(0),
    logical_maximum(101),
    usage_page(UsagePage::keyboard),
    usage_minimum(0),
    usage_maximum(101),
    input(main_flags::data_array_absolute),
    end_collection(),
};

/// The boot keyboard's report descriptor bytes (63 of them).
inline constexpr auto keyboard_boot_report_descriptor =
    encode_report_descriptor<keyboard_boot_items>();
static_assert(keyboard_boot_report_descriptor.size() == 63,
              "HID 1.11 appendix E.6 is 63 bytes long");

/// The size of the generic device's input and output reports: one
/// full-speed interrupt packet.
inline constexpr std::uint32_t generic_report_size = 64;

/// The items of a generic device: one 64-byte input report and one 64-byte
/// output report of opaque bytes on the first vendor page, which hosts hand
/// to applications (hidraw, the Windows HID API) without a driver.
inline constexpr std::array generic_in_out_items{
    usage_page(UsagePage::vendor_defined),
    usage(0x01),
    collection(CollectionType::application),
    // The input report: device to host.
    usage(0x02),
    logical_minimum(0),
    logical_maximum(0xFF),
    report_size(8),
    report_count(generic_report_size),
    input(main_flags::data_variable_absolute),
    // The output report: host to device, same field shape (globals carry
    // over, only the usage is new).
    usage(0x03),
    output(main_flags::data_variable_absolute),
    end_collection(),
};

/// The generic device's report descriptor bytes.
inline constexpr auto generic_in_out_report_descriptor =
    encode_report_descriptor<generic_in_out_items>();

} // namespace capsules::usb::hid

#endif // CAPSULES_USB_HID_REPORT_DESCRIPTORS_H
