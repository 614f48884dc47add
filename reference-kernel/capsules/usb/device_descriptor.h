/// DeviceDescription: what the device descriptor says, declared once per board.
#ifndef CAPSULES_USB_DEVICE_DESCRIPTOR_H
#define CAPSULES_USB_DEVICE_DESCRIPTOR_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/interface_descriptors.h"
#include "capsules/usb/usb_codes.h"
#include "kernel/hil/usb.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace capsules::usb {

/// The length of a device descriptor (USB 2.0 table 9-8).
inline constexpr std::size_t device_descriptor_length = 18;

/// The device descriptor's bytes.
using DeviceDescriptorBytes =
    std::array<std::uint8_t, device_descriptor_length>;

/// The device-wide facts of the device descriptor (USB 2.0 table 9-8).
/// bNumConfigurations is not here: it comes from the builder.
struct DeviceDescription {
  /// idVendor.
  std::uint16_t vendor_id = 0;
  /// idProduct.
  std::uint16_t product_id = 0;
  /// bcdDevice: the device's release number, in binary-coded decimal.
  std::uint16_t device_release = 0x0100;
  /// bcdUSB.
  std::uint16_t usb_release = usb_2_0;
  /// bDeviceClass, bDeviceSubClass, bDeviceProtocol. Nothing (the default)
  /// lets the builder choose: `interface_association_device_class` when a
  /// function uses an IAD, `per_interface_device_class` otherwise.
  std::optional<ClassTriple> device_class{};
  /// bMaxPacketSize0: 8, 16, 32 or 64 at full speed. The USB HIL's
  /// controllers always run endpoint 0 with 64 (`kernel::hil::usb`), so a
  /// device served through it keeps the default.
  std::uint8_t control_max_packet_size = kernel::hil::usb::max_packet_size;
  /// iManufacturer (0 for none).
  std::uint8_t manufacturer_string = 0;
  /// iProduct (0 for none).
  std::uint8_t product_string = 0;
  /// iSerialNumber (0 for none).
  std::uint8_t serial_number_string = 0;
};

/// How this stack answers GET_DESCRIPTOR(device qualifier), USB 2.0 section
/// 9.6.2: a device that runs only at full speed has no other speed to
/// describe, so it must answer with a request error, that is, stall
/// endpoint 0. Hosts ask every USB 2.0 device, and take the stall as "full
/// speed only". The same holds for GET_DESCRIPTOR(other speed
/// configuration). The nRF52840 is full speed only.
enum class DeviceQualifierAnswer : std::uint8_t {
  /// Stall: the device runs at full speed only.
  stall,
};

/// The answer this stack gives (see `DeviceQualifierAnswer`).
inline constexpr DeviceQualifierAnswer device_qualifier_answer =
    DeviceQualifierAnswer::stall;

/// Whether a descriptor type is answered at all: false for device
/// qualifier and other speed configuration, which a full-speed-only device
/// stalls.
constexpr bool full_speed_device_answers(DescriptorType type) {
  return type != DescriptorType::device_qualifier &&
         type != DescriptorType::other_speed_configuration;
}

namespace detail {
/// Checks bMaxPacketSize0 against the values USB 2.0 section 9.6.1 allows
/// at full speed.
constexpr void check_control_max_packet_size(std::uint8_t size) {
  if (size != 8 && size != 16 && size != 32 && size != 64) {
    descriptor_error::value_does_not_fit_its_field();
  }
}
} // namespace detail

/// The device descriptor of `device`, whose one configuration uses an IAD
/// (`uses_interface_association`) or not.
consteval DeviceDescriptorBytes
build_device_descriptor(const DeviceDescription &device,
                        bool uses_interface_association,
                        std::size_t configuration_count) {
  detail::check_control_max_packet_size(device.control_max_packet_size);
  const ClassTriple device_class = device.device_class.value_or(
      uses_interface_association ? interface_association_device_class
                                 : per_interface_device_class);
  DeviceDescriptorBytes bytes{};
  DescriptorWriter writer{bytes};
  writer.byte_from(device_descriptor_length);
  writer.byte(static_cast<std::uint8_t>(DescriptorType::device));
  writer.word(device.usb_release);
  writer.byte(device_class.class_code);
  writer.byte(device_class.subclass);
  writer.byte(device_class.protocol);
  writer.byte(device.control_max_packet_size);
  writer.word(device.vendor_id);
  writer.word(device.product_id);
  writer.word(device.device_release);
  writer.byte(device.manufacturer_string);
  writer.byte(device.product_string);
  writer.byte(device.serial_number_string);
  writer.byte_from(configuration_count);
  writer.expect_full();
  return bytes;
}

} // namespace capsules::usb

#endif // CAPSULES_USB_DEVICE_DESCRIPTOR_H
