/// DescriptorTable: the answer to every standard GET_DESCRIPTOR a device gets.
#ifndef CAPSULES_USB_DESCRIPTOR_TABLE_H
#define CAPSULES_USB_DESCRIPTOR_TABLE_H

#include "capsules/usb/configuration_builder.h"
#include "capsules/usb/setup_packet.h"
#include "capsules/usb/string_descriptors.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace capsules::usb {

/// A device's descriptors as the control endpoint serves them: the device
/// descriptor, its one configuration, its strings. Plain data over arrays in
/// static storage; the control endpoint (`UsbDevice`) asks it for the data
/// stage of each GET_DESCRIPTOR, a packet at a time.
class DescriptorTable {
public:
  /// The descriptors in `device` (from `build_device`) with `strings`.
  /// Consteval: a string index in any descriptor that `strings` does not
  /// have stops the build (a host would show a stalled request as a missing
  /// name, or give up enumerating), and so does a `device` that is a
  /// temporary: the table keeps views of it, which only static storage
  /// outlives.
  template <std::size_t configuration_length, std::size_t function_count>
  consteval DescriptorTable(
      const DeviceDescriptors<configuration_length, function_count> &device,
      const StringDescriptors &strings)
      : device_(device.device), configuration_(device.configuration),
        strings_(strings) {
    check_string_indices();
  }

  /// Writes the data stage of the standard GET_DESCRIPTOR in `request` into
  /// `out`, and returns how many bytes to send: the descriptor cut to
  /// wLength (USB 2.0 section 9.3.5) and to `out`. Nothing means stall
  /// endpoint 0: a request that is not a well-formed standard
  /// GET_DESCRIPTOR, a configuration index other than 0, a string that does
  /// not exist, the device qualifier and other speed configuration (the
  /// device is full speed only: `device_qualifier_answer`), and any other
  /// type. Class descriptors (a HID report descriptor) are asked of an
  /// interface and are the class driver's to answer.
  std::optional<std::size_t>
  answer_get_descriptor(const SetupPacket &request,
                        std::span<std::uint8_t> out) const {
    return answer_get_descriptor(request, 0, out);
  }

  /// Like the other overload, but writes the answer's bytes from `offset`
  /// on (still cut to wLength): the control endpoint sends a long
  /// descriptor one packet at a time and asks for each packet's bytes
  /// here, so it needs no buffer as large as a descriptor. 0 at or past the
  /// answer's end.
  std::optional<std::size_t>
  answer_get_descriptor(const SetupPacket &request, std::size_t offset,
                        std::span<std::uint8_t> out) const;

  /// The configuration descriptor with everything under it: the control
  /// endpoint reads its value, attributes, interfaces and endpoints from
  /// it.
  [[nodiscard]] constexpr std::span<const std::uint8_t> configuration() const {
    return configuration_;
  }

private:
  /// Stops the build unless every string index field (iManufacturer,
  /// iProduct, iSerialNumber, iConfiguration, iInterface, iFunction) is 0
  /// or names a string of `strings_`.
  constexpr void check_string_indices() const {
    check_string_index(device_[14]);
    check_string_index(device_[15]);
    check_string_index(device_[16]);
    std::size_t offset = 0;
    while (offset + 1 < configuration_.size()) {
      const std::size_t length = configuration_[offset];
      const auto type = static_cast<DescriptorType>(configuration_[offset + 1]);
      if (type == DescriptorType::configuration) {
        check_string_index(configuration_[offset + 6]);
      } else if (type == DescriptorType::interface) {
        check_string_index(configuration_[offset + 8]);
      } else if (type == DescriptorType::interface_association) {
        check_string_index(configuration_[offset + 7]);
      }
      if (length == 0) {
        return;
      }
      offset += length;
    }
  }

  /// Stops the build unless `index` is 0 (no string) or names a string.
  constexpr void check_string_index(std::uint8_t index) const {
    if (index != 0 && index > strings_.count()) {
      descriptor_error::string_index_names_no_string();
    }
  }

  /// The device descriptor's bytes.
  std::span<const std::uint8_t> device_;
  /// The configuration descriptor with everything under it.
  std::span<const std::uint8_t> configuration_;
  /// The string descriptors, index 0 included.
  StringDescriptors strings_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_DESCRIPTOR_TABLE_H
