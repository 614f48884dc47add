/// Interface and Interface Association descriptors, written by the functions.
#ifndef CAPSULES_USB_INTERFACE_DESCRIPTORS_H
#define CAPSULES_USB_INTERFACE_DESCRIPTORS_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/usb_codes.h"

#include <cstddef>
#include <cstdint>

namespace capsules::usb {

/// The class, subclass and protocol triple that device, interface and
/// association descriptors all carry.
struct ClassTriple {
  /// bDeviceClass, bInterfaceClass or bFunctionClass.
  std::uint8_t class_code = 0;
  /// The matching SubClass field.
  std::uint8_t subclass = 0;
  /// The matching Protocol field.
  std::uint8_t protocol = 0;

  /// Field-wise equality.
  friend constexpr bool operator==(const ClassTriple &,
                                   const ClassTriple &) = default;
};

/// The device class that announces Interface Association Descriptors (the
/// IAD ECN, and Microsoft's rule for loading a composite driver).
inline constexpr ClassTriple interface_association_device_class{
    class_code::miscellaneous, 0x02, 0x01};

/// The device class that leaves the class to each interface.
inline constexpr ClassTriple per_interface_device_class{
    class_code::per_interface, 0x00, 0x00};

/// The length of an interface descriptor (USB 2.0 table 9-12).
inline constexpr std::size_t interface_descriptor_length = 9;

/// The length of an Interface Association Descriptor (IAD ECN table 9-Z).
inline constexpr std::size_t interface_association_descriptor_length = 8;

/// What an interface descriptor says, apart from what the builder assigns.
struct InterfaceFields {
  /// bInterfaceNumber, assigned by the configuration builder.
  std::size_t number = 0;
  /// bNumEndpoints, not counting endpoint 0.
  std::size_t endpoint_count = 0;
  /// bInterfaceClass, bInterfaceSubClass, bInterfaceProtocol.
  ClassTriple interface_class{};
  /// iInterface: a string index, 0 for none.
  std::uint8_t string_index = 0;
};

/// Writes an interface descriptor (USB 2.0 table 9-12), alternate setting 0:
/// this stack declares no alternate settings yet.
constexpr void write_interface_descriptor(DescriptorWriter &writer,
                                          const InterfaceFields &fields) {
  writer.byte_from(interface_descriptor_length);
  writer.byte(static_cast<std::uint8_t>(DescriptorType::interface));
  writer.byte_from(fields.number);
  writer.byte(0);
  writer.byte_from(fields.endpoint_count);
  writer.byte(fields.interface_class.class_code);
  writer.byte(fields.interface_class.subclass);
  writer.byte(fields.interface_class.protocol);
  writer.byte(fields.string_index);
}

/// Writes an Interface Association Descriptor: interfaces `first_interface`
/// to `first_interface + interface_count - 1` form one function.
constexpr void write_interface_association_descriptor(
    DescriptorWriter &writer, std::size_t first_interface,
    std::size_t interface_count, const ClassTriple &function_class,
    std::uint8_t string_index) {
  writer.byte_from(interface_association_descriptor_length);
  writer.byte(static_cast<std::uint8_t>(DescriptorType::interface_association));
  writer.byte_from(first_interface);
  writer.byte_from(interface_count);
  writer.byte(function_class.class_code);
  writer.byte(function_class.subclass);
  writer.byte(function_class.protocol);
  writer.byte(string_index);
}

} // namespace capsules::usb

#endif // CAPSULES_USB_INTERFACE_DESCRIPTORS_H
