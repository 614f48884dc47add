/// CdcAcmFunction: a virtual serial port in a configuration.
#ifndef CAPSULES_USB_CDC_ACM_DESCRIPTORS_H
#define CAPSULES_USB_CDC_ACM_DESCRIPTORS_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/endpoint.h"
#include "capsules/usb/interface_descriptors.h"
#include "capsules/usb/usb_codes.h"

#include <cstddef>
#include <cstdint>

namespace capsules::usb {

/// The codes of CDC 1.2 and PSTN 1.2 that a CDC-ACM function uses.
namespace cdc {
/// bInterfaceSubClass of the communication interface: Abstract Control
/// Model (CDC 1.2 table 4).
inline constexpr std::uint8_t abstract_control_model = 0x02;
/// bInterfaceProtocol: no class-specific protocol (CDC 1.2 table 5). Linux,
/// macOS and Windows all bind their ACM drivers to it; 0x01 (AT commands)
/// would make some hosts expect a modem.
inline constexpr std::uint8_t no_protocol = 0x00;
/// bcdCDC of the header functional descriptor: release 1.20.
inline constexpr std::uint16_t release_1_20 = 0x0120;
/// bDescriptorSubtype of the functional descriptors (CDC 1.2 table 13).
inline constexpr std::uint8_t header_subtype = 0x00;
/// Call Management functional descriptor.
inline constexpr std::uint8_t call_management_subtype = 0x01;
/// Abstract Control Management functional descriptor.
inline constexpr std::uint8_t abstract_control_management_subtype = 0x02;
/// Union functional descriptor.
inline constexpr std::uint8_t union_subtype = 0x06;
/// ACM bmCapabilities bit 1 (PSTN 1.2 table 4): the device answers
/// SET_LINE_CODING, GET_LINE_CODING, SET_CONTROL_LINE_STATE and sends
/// SERIAL_STATE, which is what a serial port needs.
inline constexpr std::uint8_t line_coding_and_serial_state = 0x02;
/// Call management bmCapabilities (PSTN 1.2 table 3): 0 says the device
/// handles no call management, which is right for a serial port.
inline constexpr std::uint8_t no_call_management = 0x00;
/// bFunctionLength of the header functional descriptor (CDC 1.2 table 15).
inline constexpr std::uint8_t header_length = 5;
/// bFunctionLength of the call management descriptor (PSTN 1.2 table 3).
inline constexpr std::uint8_t call_management_length = 5;
/// bFunctionLength of the ACM descriptor (PSTN 1.2 table 4).
inline constexpr std::uint8_t abstract_control_management_length = 4;
/// bFunctionLength of a union descriptor with one subordinate interface
/// (CDC 1.2 table 16).
inline constexpr std::uint8_t union_length = 5;
} // namespace cdc

/// A CDC-ACM serial port: an Interface Association Descriptor, the
/// communication interface with its functional descriptors and notification
/// endpoint, and the data interface with its bulk endpoints. The interface
/// numbers in the IAD, call management and union descriptors come from the
/// configuration builder.
struct CdcAcmFunction {
  /// The communication and the data interface.
  static constexpr std::size_t interface_count = 2;
  /// IAD, communication interface, its four functional descriptors and
  /// endpoint, data interface and its two endpoints: 66 bytes.
  static constexpr std::size_t descriptor_length =
      interface_association_descriptor_length +
      2 * interface_descriptor_length + cdc::header_length +
      cdc::call_management_length + cdc::abstract_control_management_length +
      cdc::union_length + 3 * endpoint_descriptor_length;
  /// Two interfaces form one function, so hosts need the IAD.
  static constexpr bool uses_interface_association = true;
  /// Where the notification endpoint's address is in the function's
  /// `FunctionPlacement::endpoint_addresses`.
  static constexpr std::size_t notification_slot = 0;
  /// Where the bulk OUT endpoint's address is.
  static constexpr std::size_t data_out_slot = 1;
  /// Where the bulk IN endpoint's address is.
  static constexpr std::size_t data_in_slot = 2;

  /// iFunction of the IAD and iInterface of the communication interface:
  /// the name hosts show for the port (0 for none).
  std::uint8_t name_string = 0;
  /// iInterface of the data interface (0 for none).
  std::uint8_t data_string = 0;
  /// The interrupt IN endpoint that carries SERIAL_STATE notifications
  /// (ten bytes each, so 16 holds one).
  Endpoint notification{.max_packet_size = 16, .interval = 16};
  /// The bulk IN endpoint: device to host bytes.
  Endpoint data_in{.max_packet_size = 64};
  /// The bulk OUT endpoint: host to device bytes.
  Endpoint data_out{.max_packet_size = 64};

  /// Writes this function's descriptors, its interfaces numbered from
  /// `first_interface` and its endpoints numbered by `endpoints`.
  constexpr void write_descriptors(DescriptorWriter &writer,
                                   std::size_t first_interface,
                                   EndpointAllocator &endpoints) const {
    const std::size_t communication_interface = first_interface;
    const std::size_t data_interface = first_interface + 1;
    const ClassTriple communication_class{class_code::communications,
                                          cdc::abstract_control_model,
                                          cdc::no_protocol};

    write_interface_association_descriptor(writer, first_interface,
                                           interface_count, communication_class,
                                           name_string);
    write_interface_descriptor(writer, {.number = communication_interface,
                                        .endpoint_count = 1,
                                        .interface_class = communication_class,
                                        .string_index = name_string});
    write_functional_header(writer, cdc::header_length, cdc::header_subtype);
    writer.word(cdc::release_1_20);
    write_functional_header(writer, cdc::call_management_length,
                            cdc::call_management_subtype);
    writer.byte(cdc::no_call_management);
    writer.byte_from(data_interface);
    write_functional_header(writer, cdc::abstract_control_management_length,
                            cdc::abstract_control_management_subtype);
    writer.byte(cdc::line_coding_and_serial_state);
    write_functional_header(writer, cdc::union_length, cdc::union_subtype);
    writer.byte_from(communication_interface);
    writer.byte_from(data_interface);
    write_endpoint_descriptor(
        writer, endpoints.assign(notification, EndpointDirection::in),
        TransferType::interrupt, notification);

    write_interface_descriptor(
        writer, {.number = data_interface,
                 .endpoint_count = 2,
                 .interface_class = {class_code::cdc_data, 0x00, 0x00},
                 .string_index = data_string});
    write_endpoint_descriptor(
        writer, endpoints.assign(data_out, EndpointDirection::out),
        TransferType::bulk, data_out);
    write_endpoint_descriptor(writer,
                              endpoints.assign(data_in, EndpointDirection::in),
                              TransferType::bulk, data_in);
  }

private:
  /// bFunctionLength, bDescriptorType (CS_INTERFACE), bDescriptorSubtype:
  /// the three bytes every functional descriptor starts with.
  static constexpr void write_functional_header(DescriptorWriter &writer,
                                                std::uint8_t length,
                                                std::uint8_t subtype) {
    writer.byte(length);
    writer.byte(
        static_cast<std::uint8_t>(DescriptorType::class_specific_interface));
    writer.byte(subtype);
  }
};

} // namespace capsules::usb

#endif // CAPSULES_USB_CDC_ACM_DESCRIPTORS_H
