// A header that makes a lease each time its function runs.
#include <leash/lease.h>

#include <cstdint>

inline std::uint8_t header_storage[8];

#define LEASE_OF(array) leash::Lease<std::uint8_t>::from(array)

inline leash::Lease<std::uint8_t> header_buffer() {
  return LEASE_OF(header_storage);
}
