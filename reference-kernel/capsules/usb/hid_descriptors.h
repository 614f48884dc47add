/// HidFunction: a HID interface as one function of a configuration.
#ifndef CAPSULES_USB_HID_DESCRIPTORS_H
#define CAPSULES_USB_HID_DESCRIPTORS_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/endpoint.h"
#include "capsules/usb/interface_descriptors.h"
#include "capsules/usb/usb_codes.h"

#include <cstddef>
#include <cstdint>
#include <span>

namespace capsules::usb {

namespace hid {
/// bInterfaceSubClass: no boot interface (HID 1.11 section 4.2).
inline constexpr std::uint8_t no_subclass = 0x00;
/// bInterfaceSubClass: the interface speaks the boot protocol, so a BIOS
/// can use it.
inline constexpr std::uint8_t boot_interface = 0x01;
/// bInterfaceProtocol without a boot interface (section 4.3).
inline constexpr std::uint8_t no_protocol = 0x00;
/// bInterfaceProtocol of a boot keyboard.
inline constexpr std::uint8_t keyboard_protocol = 0x01;
/// bInterfaceProtocol of a boot mouse.
inline constexpr std::uint8_t mouse_protocol = 0x02;
/// bcdHID: release 1.11.
inline constexpr std::uint16_t release_1_11 = 0x0111;
/// bCountryCode when the hardware is not localized (section 6.2.1).
inline constexpr std::uint8_t not_localized = 0x00;
/// The length of a HID descriptor with one class descriptor (section 6.2.1).
inline constexpr std::size_t hid_descriptor_length = 9;
} // namespace hid

/// Which interrupt endpoints a HID interface has. The OUT endpoint is
/// optional (HID 1.11 section 4.4): without it, output reports arrive by
/// SET_REPORT on endpoint 0.
enum class HidEndpoints : std::uint8_t { in_only, in_and_out };

/// A HID interface: the interface descriptor, the HID descriptor naming the
/// report descriptor's length, and the interrupt endpoints. The endpoint
/// set is a template argument because it changes the descriptor's length,
/// which sizes the configuration's array.
template <HidEndpoints endpoint_set> struct HidFunction {
  /// One interface: no IAD needed.
  static constexpr std::size_t interface_count = 1;
  /// Whether the OUT endpoint is declared.
  static constexpr bool has_out_endpoint =
      endpoint_set == HidEndpoints::in_and_out;
  /// Interface 9 + HID 9 + one or two endpoints of 7.
  static constexpr std::size_t descriptor_length =
      interface_descriptor_length + hid::hid_descriptor_length +
      endpoint_descriptor_length * (has_out_endpoint ? 2 : 1);
  /// A single interface is a function by itself.
  static constexpr bool uses_interface_association = false;
  /// Where the IN endpoint's address is in the function's
  /// `FunctionPlacement::endpoint_addresses`.
  static constexpr std::size_t in_slot = 0;
  /// Where the OUT endpoint's address is (with `in_and_out`).
  static constexpr std::size_t out_slot = 1;

  /// The report descriptor (static storage: the HID class driver sends it
  /// for GET_DESCRIPTOR(report)); its length goes into the HID descriptor.
  std::span<const std::uint8_t> report_descriptor{};
  /// bInterfaceSubClass: `hid::boot_interface` or `hid::no_subclass`.
  std::uint8_t subclass = hid::no_subclass;
  /// bInterfaceProtocol: `hid::keyboard_protocol`, `hid::mouse_protocol`,
  /// or `hid::no_protocol` without a boot interface.
  std::uint8_t protocol = hid::no_protocol;
  /// bCountryCode.
  std::uint8_t country_code = hid::not_localized;
  /// iInterface (0 for none).
  std::uint8_t name_string = 0;
  /// The interrupt IN endpoint: input reports. 10 ms polling is what a
  /// keyboard needs.
  Endpoint in{.max_packet_size = 8, .interval = 10};
  /// The interrupt OUT endpoint: output reports (only with `in_and_out`).
  Endpoint out{.max_packet_size = 8, .interval = 10};

  /// Writes this function's descriptors, its interface numbered
  /// `first_interface` and its endpoints numbered by `endpoints`.
  constexpr void write_descriptors(DescriptorWriter &writer,
                                   std::size_t first_interface,
                                   EndpointAllocator &endpoints) const {
    if (report_descriptor.empty()) {
      descriptor_error::hid_report_descriptor_missing();
    }
    write_interface_descriptor(
        writer, {.number = first_interface,
                 .endpoint_count = has_out_endpoint ? 2 : 1,
                 .interface_class = {class_code::hid, subclass, protocol},
                 .string_index = name_string});
    writer.byte_from(hid::hid_descriptor_length);
    writer.byte(static_cast<std::uint8_t>(DescriptorType::hid));
    writer.word(hid::release_1_11);
    writer.byte(country_code);
    // One class descriptor follows: the report descriptor.
    writer.byte(1);
    writer.byte(static_cast<std::uint8_t>(DescriptorType::hid_report));
    writer.word_from(report_descriptor.size());
    write_endpoint_descriptor(writer,
                              endpoints.assign(in, EndpointDirection::in),
                              TransferType::interrupt, in);
    if constexpr (has_out_endpoint) {
      write_endpoint_descriptor(writer,
                                endpoints.assign(out, EndpointDirection::out),
                                TransferType::interrupt, out);
    }
  }
};

} // namespace capsules::usb

#endif // CAPSULES_USB_HID_DESCRIPTORS_H
