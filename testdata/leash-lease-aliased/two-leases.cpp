// RUN: %check-rule %s leash-lease-aliased
// One buffer, one lease: the same array turned into a second lease is an
// alias of the first, wherever the two are created.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

std::uint8_t transmit_storage[16];
std::uint8_t receive_storage[16];
std::uint8_t shared_storage[8];
std::uint8_t static_storage[8];

void start(Bytes transmit, Bytes receive);

// The first lease in a namespace-scope initializer, the second in main.
Bytes early = Bytes::from(static_storage);

int main() {
  // Two arrays, two leases: fine.
  start(Bytes::from(transmit_storage), Bytes::from(receive_storage));

  // The same array twice, in one call.
  start(Bytes::from(shared_storage), Bytes::from(shared_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: array 'shared_storage' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: first lease of 'shared_storage' created here

  Bytes again = Bytes::from(static_storage);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: array 'static_storage' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-13]]:15: note: first lease of 'static_storage' created here
  start(std::move(again), std::move(early));

  // Moving a lease is not creating one.
  Bytes moved = std::move(early);
  start(std::move(moved), Bytes());
  return 0;
}
