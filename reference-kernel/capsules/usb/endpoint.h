/// Endpoints: what a function asks for, and which number it gets.
#ifndef CAPSULES_USB_ENDPOINT_H
#define CAPSULES_USB_ENDPOINT_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/usb_codes.h"
#include "kernel/hil/usb.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::usb {

/// Bits 1..0 of an endpoint's bmAttributes (USB 2.0 table 9-13): the
/// HIL's type, so that what a descriptor declares is what the stack enables.
using kernel::hil::usb::TransferType;

/// Bit 7 of an endpoint address: the HIL's type (IN endpoints send to the
/// host).
using EndpointDirection = kernel::hil::usb::Direction;

/// `Endpoint::number` when the configuration builder picks the number.
inline constexpr std::uint8_t automatic_endpoint_number = 0;

/// The highest endpoint number USB 2.0 allows (4 bits). A chip may have
/// fewer; the chip driver refuses a configuration it cannot serve.
inline constexpr std::uint8_t highest_endpoint_number = 15;

/// The length of an endpoint descriptor (USB 2.0 table 9-13).
inline constexpr std::size_t endpoint_descriptor_length = 7;

/// What a function declares about one of its endpoints; the transfer type
/// and direction follow from the endpoint's role in the function.
struct Endpoint {
  /// 1 to 15, or `automatic_endpoint_number` (the default) to take the
  /// lowest number still free in this endpoint's direction.
  std::uint8_t number = automatic_endpoint_number;
  /// wMaxPacketSize. Full speed allows at most 64 for bulk and interrupt.
  std::uint16_t max_packet_size = kernel::hil::usb::max_packet_size;
  /// bInterval: the polling period in frames (milliseconds at full speed)
  /// for interrupt endpoints; ignored (written as 0) for bulk.
  std::uint8_t interval = 0;
};

/// Hands out endpoint numbers while a configuration is built, in the order
/// the functions are declared, and refuses a number used twice in one
/// direction (IN 1 and OUT 1 are different endpoints).
class EndpointAllocator {
public:
  /// The bEndpointAddress for `endpoint` in `direction`: its own number if
  /// it has one, otherwise the lowest free one. Compile error if taken.
  constexpr std::uint8_t assign(const Endpoint &endpoint,
                                EndpointDirection direction) {
    std::uint16_t &used =
        direction == EndpointDirection::in ? used_in_ : used_out_;
    std::uint8_t number = endpoint.number;
    if (number == automatic_endpoint_number) {
      number = 1;
      while (number <= highest_endpoint_number && (used & bit(number)) != 0) {
        ++number;
      }
    }
    if (number > highest_endpoint_number) {
      descriptor_error::endpoint_number_out_of_range();
      return 0;
    }
    if ((used & bit(number)) != 0) {
      descriptor_error::endpoint_number_used_twice();
    }
    used = static_cast<std::uint16_t>(used | bit(number));
    const auto address = static_cast<std::uint8_t>(
        number | static_cast<std::uint8_t>(direction));
    assigned_[assigned_count_] = address;
    ++assigned_count_;
    return address;
  }

  /// How many endpoints have been assigned so far.
  [[nodiscard]] constexpr std::size_t assigned_count() const {
    return assigned_count_;
  }

  /// The address of the `position`th endpoint assigned (from 0).
  [[nodiscard]] constexpr std::uint8_t assigned(std::size_t position) const {
    return assigned_[position];
  }

private:
  /// The bit of endpoint `number` in the used-number masks.
  static constexpr std::uint16_t bit(std::uint8_t number) {
    return static_cast<std::uint16_t>(1U << number);
  }

  /// Bit n set: IN endpoint n is taken.
  std::uint16_t used_in_ = 0;
  /// Bit n set: OUT endpoint n is taken.
  std::uint16_t used_out_ = 0;
  /// Every address handed out, in order (at most 15 IN and 15 OUT: a
  /// sixteenth in one direction stops the build before it is recorded).
  std::array<std::uint8_t, 2 * highest_endpoint_number> assigned_{};
  /// How many of `assigned_` are filled.
  std::size_t assigned_count_ = 0;
};

namespace detail {
/// Stops the build when `endpoint` breaks the full-speed limits for its
/// transfer type; the nRF52840's USBD is full speed only.
constexpr void check_full_speed_limits(TransferType transfer_type,
                                       const Endpoint &endpoint) {
  const std::uint16_t size = endpoint.max_packet_size;
  if (transfer_type == TransferType::bulk && size != 8 && size != 16 &&
      size != 32 && size != 64) {
    descriptor_error::max_packet_size_not_allowed_at_full_speed();
  }
  if (transfer_type == TransferType::interrupt) {
    if (size == 0 || size > kernel::hil::usb::max_packet_size) {
      descriptor_error::max_packet_size_not_allowed_at_full_speed();
    }
    if (endpoint.interval == 0) {
      descriptor_error::interrupt_interval_zero();
    }
  }
}
} // namespace detail

/// Writes the endpoint descriptor (USB 2.0 table 9-13) of `endpoint` at
/// `address` (from `EndpointAllocator::assign`), after checking it against
/// the full-speed limits.
constexpr void write_endpoint_descriptor(DescriptorWriter &writer,
                                         std::uint8_t address,
                                         TransferType transfer_type,
                                         const Endpoint &endpoint) {
  detail::check_full_speed_limits(transfer_type, endpoint);
  writer.byte_from(endpoint_descriptor_length);
  writer.byte(static_cast<std::uint8_t>(DescriptorType::endpoint));
  writer.byte(address);
  writer.byte(static_cast<std::uint8_t>(transfer_type));
  writer.word(endpoint.max_packet_size);
  writer.byte(transfer_type == TransferType::bulk ? 0 : endpoint.interval);
}

} // namespace capsules::usb

#endif // CAPSULES_USB_ENDPOINT_H
