/// Test support: the eight SETUP bytes of a request, from its fields.
#ifndef HOST_TESTS_SUPPORT_SETUP_BYTES_H
#define HOST_TESTS_SUPPORT_SETUP_BYTES_H

#include "kernel/hil/usb.h"

#include <cstdint>

namespace host_tests {

/// The SETUP bytes of a request (USB 2.0 table 9-2).
inline kernel::hil::usb::SetupBytes
setup_bytes(std::uint8_t request_type, std::uint8_t request,
            std::uint16_t value, std::uint16_t index, std::uint16_t length) {
  return {request_type,
          request,
          static_cast<std::uint8_t>(value & 0xFFU),
          static_cast<std::uint8_t>(value >> 8U),
          static_cast<std::uint8_t>(index & 0xFFU),
          static_cast<std::uint8_t>(index >> 8U),
          static_cast<std::uint8_t>(length & 0xFFU),
          static_cast<std::uint8_t>(length >> 8U)};
}

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SETUP_BYTES_H
