// A header whose inline relay uses a lease after handing it on.
#include <leash/lease.h>

#include <cstdint>
#include <utility>

void sink(leash::Lease<std::uint8_t> buffer);

#define HAND_ON(lease) sink(std::move(lease))

inline std::size_t relay(leash::Lease<std::uint8_t> buffer) {
  HAND_ON(buffer);
  return buffer.capacity();
}
