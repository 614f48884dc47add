// RUN: %check-rule %s leash-global-mutable
// A lease's backing array is used only to create its lease: any other use
// is reported, with a note at the creation (also when the use comes first).
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <cstring>

void leash::violation_hook(Violation, const char *) noexcept {}

std::uint8_t receive_storage[64];
static std::uint8_t transmit_storage[64];

unsigned peek() {
  return receive_storage[0];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: direct use of 'receive_storage', the backing array of a lease; reach the buffer only through its lease [leash-global-mutable]
  // CHECK-MESSAGES: :40:7: note: lease of 'receive_storage' created here
}

#define CLEAR(buffer) std::memset(buffer, 0, sizeof(buffer))

void clear_all() {
  CLEAR(transmit_storage);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: direct use of 'transmit_storage', the backing array of a lease; reach the buffer only through its lease [leash-global-mutable]
  // CHECK-MESSAGES: :38:7: note: lease of 'transmit_storage' created here
  auto peek_later = []() { return transmit_storage[1]; };
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: direct use of 'transmit_storage', the backing array of a lease; reach the buffer only through its lease [leash-global-mutable]
  // CHECK-MESSAGES: :38:7: note: lease of 'transmit_storage' created here
  (void)peek_later;
}

// Not found: creating the lease; the size of the array.
int main() {
  static_assert(sizeof(transmit_storage) == 64);
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit{
      leash::Lease<std::uint8_t>::from(transmit_storage)};
  leash::TakeCell<leash::Lease<std::uint8_t>> receive{
      leash::Lease<std::uint8_t>::from(receive_storage)};
  static std::uint8_t local_storage[8];
  auto local = leash::Lease<std::uint8_t>::from(local_storage);
  transmit.put(std::move(local));
  return peek();
}
