/// The example devices' compile-time checks, compiled into every kernel build.
#include "capsules/usb/standard_configurations.h"

namespace capsules::usb::standard {

namespace {

/// wTotalLength, bytes 2 and 3 of a configuration descriptor.
template <std::size_t length>
constexpr std::size_t
total_length_field(const std::array<std::uint8_t, length> &configuration) {
  return configuration[2] | (configuration[3] << 8U);
}

} // namespace

// wTotalLength is the whole array: the host reads exactly that many bytes.
static_assert(total_length_field(serial_port_device.configuration) ==
              serial_port_device.configuration.size());
static_assert(total_length_field(keyboard_device.configuration) ==
              keyboard_device.configuration.size());
static_assert(total_length_field(composite_device.configuration) ==
              composite_device.configuration.size());

// bNumInterfaces: two for CDC-ACM, one for HID.
static_assert(serial_port_device.configuration[4] == 2);
static_assert(keyboard_device.configuration[4] == 1);
static_assert(composite_device.configuration[4] == 3);

// A configuration with an IAD makes the device announce one
// (0xEF/0x02/0x01); a lone HID interface leaves the class to it.
static_assert(serial_port_device.device[4] == class_code::miscellaneous);
static_assert(composite_device.device[4] == class_code::miscellaneous);
static_assert(keyboard_device.device[4] == class_code::per_interface);

// The HID descriptor names the report descriptor's real length.
static_assert(boot_keyboard.report_descriptor.size() == 63);

} // namespace capsules::usb::standard
