/// ConfigurationReader: chapter 9's facts, read from the configuration.
#ifndef CAPSULES_USB_CONFIGURATION_READER_H
#define CAPSULES_USB_CONFIGURATION_READER_H

#include "capsules/usb/usb_codes.h"
#include "kernel/hil/usb.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace capsules::usb {

/// One endpoint as its endpoint descriptor declares it (USB 2.0 table 9-13),
/// with the interface it belongs to.
struct DeclaredEndpoint {
  /// bInterfaceNumber of the interface descriptor it follows.
  std::uint8_t interface = 0;
  /// Its number and direction (bEndpointAddress).
  kernel::hil::usb::Endpoint endpoint{};
  /// bmAttributes bits 0..1.
  kernel::hil::usb::TransferType type = kernel::hil::usb::TransferType::bulk;
  /// wMaxPacketSize bits 0..10.
  std::size_t max_packet_size = 0;
};

/// Reads a configuration descriptor (with everything under it) as sent to
/// the host, so that what the device enables and answers is exactly what it
/// declared: one source of truth, no second table to keep in step.
class ConfigurationReader {
public:
  /// A reader of `configuration` (a view of static storage).
  constexpr explicit ConfigurationReader(
      std::span<const std::uint8_t> configuration)
      : configuration_(configuration) {}

  /// bConfigurationValue.
  [[nodiscard]] constexpr std::uint8_t value() const { return byte(5); }
  /// bNumInterfaces.
  [[nodiscard]] constexpr std::uint8_t interface_count() const {
    return byte(4);
  }
  /// bmAttributes bit 6.
  [[nodiscard]] constexpr bool self_powered() const {
    return (byte(7) & 0x40U) != 0;
  }
  /// bmAttributes bit 5.
  [[nodiscard]] constexpr bool supports_remote_wakeup() const {
    return (byte(7) & 0x20U) != 0;
  }

  /// Calls `visit(const DeclaredEndpoint &)` for every endpoint descriptor,
  /// in order.
  template <typename Visit>
  constexpr void for_each_endpoint(Visit &&visit) const {
    std::uint8_t interface = 0;
    std::size_t offset = 0;
    while (offset + 1 < configuration_.size()) {
      const std::size_t length = configuration_[offset];
      if (length < 2 || offset + length > configuration_.size()) {
        return; // Malformed: the builders never make one.
      }
      const auto type = static_cast<DescriptorType>(configuration_[offset + 1]);
      if (type == DescriptorType::interface && length >= 3) {
        interface = configuration_[offset + 2];
      } else if (type == DescriptorType::endpoint && length >= 7) {
        visit(DeclaredEndpoint{
            .interface = interface,
            .endpoint = kernel::hil::usb::Endpoint::from_address(
                configuration_[offset + 2]),
            .type = static_cast<kernel::hil::usb::TransferType>(
                configuration_[offset + 3] & 0x03U),
            .max_packet_size =
                static_cast<std::size_t>((configuration_[offset + 4] |
                                          (configuration_[offset + 5] << 8U)) &
                                         0x07FFU),
        });
      }
      offset += length;
    }
  }

  /// The declaration of `endpoint`, or nothing when the configuration has no
  /// such endpoint (endpoint 0 is never declared).
  [[nodiscard]] constexpr std::optional<DeclaredEndpoint>
  find_endpoint(kernel::hil::usb::Endpoint endpoint) const {
    std::optional<DeclaredEndpoint> found;
    for_each_endpoint([&found, endpoint](const DeclaredEndpoint &declared) {
      if (declared.endpoint == endpoint) {
        found = declared;
      }
    });
    return found;
  }

private:
  /// The byte at `offset` of the configuration header, 0 past the end.
  [[nodiscard]] constexpr std::uint8_t byte(std::size_t offset) const {
    return offset < configuration_.size() ? configuration_[offset] : 0;
  }

  /// The configuration descriptor's bytes.
  std::span<const std::uint8_t> configuration_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_CONFIGURATION_READER_H
