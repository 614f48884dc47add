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
/// static storage; the control state machine (not written yet) asks it for
/// the data stage of each GET_DESCRIPTOR.
class DescriptorTable {
public:
  /// The descriptors in `device` (from `build_device`) with `strings`.
  template <std::size_t configuration_length, std::size_t function_count>
  constexpr DescriptorTable(
      const DeviceDescriptors<configuration_length, function_count> &device,
      const StringDescriptors &strings)
      : device_(device.device), configuration_(device.configuration),
        strings_(strings) {}

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
                        std::span<std::uint8_t> out) const;

private:
  /// The device descriptor's bytes.
  std::span<const std::uint8_t> device_;
  /// The configuration descriptor with everything under it.
  std::span<const std::uint8_t> configuration_;
  /// The string descriptors, index 0 included.
  StringDescriptors strings_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_DESCRIPTOR_TABLE_H
