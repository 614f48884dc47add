// RUN: %check-rule %s leash-lease-aliased -- -ffreestanding
// A kernel is built freestanding, where main is still the entry point that
// runs once: leases created there are fine. A function named main inside a
// namespace is not the entry point.
#include <leash/lease.h>

#include <cstdint>

std::uint8_t board_storage[8];
std::uint8_t namespace_main_storage[8];

void consume(leash::Lease<std::uint8_t> lease);

namespace board {
int main() {
  consume(leash::Lease<std::uint8_t>::from(namespace_main_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lease of 'namespace_main_storage' created in 'board::main', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
  return 0;
}
} // namespace board

int main() {
  consume(leash::Lease<std::uint8_t>::from(board_storage));
  return board::main();
}
