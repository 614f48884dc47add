/// SetupPacket: the eight bytes of a control transfer's SETUP stage, typed.
#ifndef CAPSULES_USB_SETUP_PACKET_H
#define CAPSULES_USB_SETUP_PACKET_H

#include "capsules/usb/usb_codes.h"
#include "kernel/hil/usb.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace capsules::usb {

/// Bit 7 of bmRequestType: which way the data stage goes (named apart from
/// the HIL's endpoint `Direction`, which is bit 7 of an endpoint address).
enum class DataDirection : std::uint8_t {
  host_to_device = 0,
  device_to_host = 1
};

/// Bits 6..5 of bmRequestType. `reserved` (3) is kept, not rejected, so that
/// the control state machine can stall it in one place.
enum class RequestType : std::uint8_t {
  standard = 0,
  class_specific = 1,
  vendor = 2,
  reserved = 3,
};

/// Bits 4..0 of bmRequestType. Values 4 to 31 are reserved by USB 2.0 and all
/// decode to `reserved`.
enum class Recipient : std::uint8_t {
  device = 0,
  interface = 1,
  endpoint = 2,
  other = 3,
  reserved = 4,
};

/// The size of a SETUP packet, fixed by USB 2.0 section 9.3.
inline constexpr std::size_t setup_packet_size =
    std::tuple_size_v<kernel::hil::usb::SetupBytes>;

/// A SETUP packet (USB 2.0 table 9-2), decoded field by field from its bytes
/// with shifts, so that nothing depends on the host's byte order or on a
/// packed struct's layout.
struct SetupPacket {
  /// bmRequestType, as received.
  std::uint8_t request_type_bits = 0;
  /// bRequest, as received: a standard request code only when `type()` is
  /// standard (class and vendor requests reuse the numbers).
  std::uint8_t request_code = 0;
  /// wValue.
  std::uint16_t value = 0;
  /// wIndex.
  std::uint16_t index = 0;
  /// wLength: how many bytes the data stage carries at most.
  std::uint16_t length = 0;

  /// The packet in `bytes` (as the controller's `setup_received` hands
  /// them over), in the order of USB 2.0 table 9-2 (16-bit fields
  /// little-endian).
  [[nodiscard]] static constexpr SetupPacket
  parse(const kernel::hil::usb::SetupBytes &bytes) {
    return SetupPacket{
        .request_type_bits = bytes[0],
        .request_code = bytes[1],
        .value = little_endian(bytes[2], bytes[3]),
        .index = little_endian(bytes[4], bytes[5]),
        .length = little_endian(bytes[6], bytes[7]),
    };
  }

  /// The packet in `bytes`, or nothing when there are not exactly eight
  /// bytes (a controller that reports a short SETUP has a fault).
  [[nodiscard]] static constexpr std::optional<SetupPacket>
  parse(std::span<const std::uint8_t> bytes) {
    if (bytes.size() != setup_packet_size) {
      return std::nullopt;
    }
    kernel::hil::usb::SetupBytes copy{};
    for (std::size_t position = 0; position < setup_packet_size; ++position) {
      copy[position] = bytes[position];
    }
    return parse(copy);
  }

  /// Which way the data stage goes.
  [[nodiscard]] constexpr DataDirection direction() const {
    return (request_type_bits & 0x80U) != 0 ? DataDirection::device_to_host
                                            : DataDirection::host_to_device;
  }

  /// Standard, class, vendor or reserved.
  [[nodiscard]] constexpr RequestType type() const {
    return static_cast<RequestType>((request_type_bits >> 5U) & 0x03U);
  }

  /// Device, interface, endpoint, other or reserved.
  [[nodiscard]] constexpr Recipient recipient() const {
    const unsigned bits = request_type_bits & 0x1FU;
    return bits <= 3 ? static_cast<Recipient>(bits) : Recipient::reserved;
  }

  /// The standard request, or nothing when the packet is not a standard
  /// request or its code is not one USB 2.0 defines (2, 4 and 13 and up are
  /// reserved).
  [[nodiscard]] constexpr std::optional<StandardRequest>
  standard_request() const {
    if (type() != RequestType::standard) {
      return std::nullopt;
    }
    switch (request_code) {
    case 0:
    case 1:
    case 3:
    case 5:
    case 6:
    case 7:
    case 8:
    case 9:
    case 10:
    case 11:
    case 12:
      return static_cast<StandardRequest>(request_code);
    default:
      return std::nullopt;
    }
  }

  /// For GET_DESCRIPTOR and SET_DESCRIPTOR: the descriptor type, wValue's
  /// high byte (not checked against the known types: unknown ones stall).
  [[nodiscard]] constexpr std::uint8_t descriptor_type() const {
    return static_cast<std::uint8_t>(value >> 8U);
  }

  /// For GET_DESCRIPTOR and SET_DESCRIPTOR: the descriptor index, wValue's
  /// low byte.
  [[nodiscard]] constexpr std::uint8_t descriptor_index() const {
    return static_cast<std::uint8_t>(value & 0xFFU);
  }

  /// Whether the fields have the shape USB 2.0 table 9-3 gives the standard
  /// request: its direction, recipient, and the wValue, wIndex and wLength
  /// that must be zero or fixed (GET_DESCRIPTOR may also go to an
  /// interface, as class specifications use it). False for anything that is not
  /// a known standard request. The device's answer to false is a stall (USB 2.0
  /// section 9.4 leaves the behaviour unspecified; stalling is what every
  /// mainstream stack does).
  [[nodiscard]] bool is_well_formed_standard_request() const;

private:
  /// A 16-bit field from its two bytes, as sent (low byte first).
  static constexpr std::uint16_t little_endian(std::uint8_t low,
                                               std::uint8_t high) {
    return static_cast<std::uint16_t>(low | (high << 8U));
  }
};

} // namespace capsules::usb

#endif // CAPSULES_USB_SETUP_PACKET_H
