/// Example devices: a serial port, a keyboard, and both at once.
#ifndef CAPSULES_USB_STANDARD_CONFIGURATIONS_H
#define CAPSULES_USB_STANDARD_CONFIGURATIONS_H

#include "capsules/usb/descriptor_table.h"
#include "capsules/usb/descriptors.h"

#include <array>
#include <cstdint>
#include <string_view>

namespace capsules::usb::standard {

/// pid.codes' vendor id for open hardware, and its product id reserved for
/// testing. A product must get its own product id: hosts (Windows in
/// particular) cache what they learn about a VID/PID/bcdDevice triple.
inline constexpr std::uint16_t test_vendor_id = 0x1209;
/// See `test_vendor_id`.
inline constexpr std::uint16_t test_product_id = 0x0001;

/// The strings of the example devices, UTF-8, index n at position n - 1.
inline constexpr std::array<std::string_view, 5> strings{
    "leash",          "leash serial port",
    "leash keyboard", "leash composite device",
    "leash console",
};

/// The indices of `strings`, by meaning.
namespace string_index {
/// iManufacturer.
inline constexpr std::uint8_t manufacturer = 1;
/// iProduct of the serial port device.
inline constexpr std::uint8_t serial_port_product = 2;
/// iProduct of the keyboard device.
inline constexpr std::uint8_t keyboard_product = 3;
/// iProduct of the composite device.
inline constexpr std::uint8_t composite_product = 4;
/// The CDC-ACM function's name (IAD and communication interface).
inline constexpr std::uint8_t console_function = 5;
} // namespace string_index

/// The string descriptors of the example devices.
inline constexpr StringDescriptors string_descriptors{strings};

/// The configuration every example uses: value 1, bus powered, 100 mA.
inline constexpr ConfigurationDescription configuration{
    .value = 1,
    .power = Power::bus_powered,
    .max_power_milliamperes = 100,
};

/// The kernel console as a CDC-ACM port, endpoint numbers left to the
/// builder.
inline constexpr CdcAcmFunction console_port{
    .name_string = string_index::console_function,
};

/// A boot keyboard with only its IN endpoint: LED reports come by
/// SET_REPORT on endpoint 0.
inline constexpr HidFunction<HidEndpoints::in_only> boot_keyboard{
    .report_descriptor = hid::keyboard_boot_report_descriptor,
    .subclass = hid::boot_interface,
    .protocol = hid::keyboard_protocol,
    .in = {.max_packet_size = 8, .interval = 10},
};

/// A generic 64-byte HID device with IN and OUT endpoints, polled every
/// millisecond.
inline constexpr HidFunction<HidEndpoints::in_and_out> generic_hid{
    .report_descriptor = hid::generic_in_out_report_descriptor,
    .in = {.max_packet_size = 64, .interval = 1},
    .out = {.max_packet_size = 64, .interval = 1},
};

/// A device that is one serial port.
inline constexpr auto serial_port_device = build_device(
    DeviceDescription{.vendor_id = test_vendor_id,
                      .product_id = test_product_id,
                      .device_release = 0x0101,
                      .manufacturer_string = string_index::manufacturer,
                      .product_string = string_index::serial_port_product},
    configuration, console_port);

/// A device that is one boot keyboard.
inline constexpr auto keyboard_device = build_device(
    DeviceDescription{.vendor_id = test_vendor_id,
                      .product_id = test_product_id,
                      .device_release = 0x0102,
                      .manufacturer_string = string_index::manufacturer,
                      .product_string = string_index::keyboard_product},
    configuration, boot_keyboard);

/// A composite device: the serial port (interfaces 0 and 1) and the generic
/// HID device (interface 2).
inline constexpr auto composite_device = build_device(
    DeviceDescription{.vendor_id = test_vendor_id,
                      .product_id = test_product_id,
                      .device_release = 0x0103,
                      .manufacturer_string = string_index::manufacturer,
                      .product_string = string_index::composite_product},
    configuration, console_port, generic_hid);

/// What the serial port device answers to GET_DESCRIPTOR.
inline constexpr DescriptorTable serial_port_descriptor_table{
    serial_port_device, string_descriptors};

/// What the keyboard device answers to GET_DESCRIPTOR.
inline constexpr DescriptorTable keyboard_descriptor_table{keyboard_device,
                                                           string_descriptors};

/// What the composite device answers to GET_DESCRIPTOR.
inline constexpr DescriptorTable composite_descriptor_table{composite_device,
                                                            string_descriptors};

} // namespace capsules::usb::standard

#endif // CAPSULES_USB_STANDARD_CONFIGURATIONS_H
