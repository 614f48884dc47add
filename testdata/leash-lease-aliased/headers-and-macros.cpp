// RUN: %check-rule %s leash-lease-aliased
// A creation in an included header is reported in the header; one inside a
// macro expansion at the macro's use.
#include "Inputs/lease-factory.h"

// CHECK-MESSAGES: {{.*}}lease-factory.h:11:10: warning: lease of 'header_storage' created in 'header_buffer', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]

std::uint8_t macro_storage[8];
std::uint8_t main_macro_storage[8];
std::uint8_t twice_storage[8];

void consume(leash::Lease<std::uint8_t> lease);

void from_macro() {
  consume(LEASE_OF(macro_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lease of 'macro_storage' created in 'from_macro', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
}

int main() {
  // Not reported: a macro used in main.
  consume(LEASE_OF(main_macro_storage));
  consume(LEASE_OF(twice_storage));
  consume(LEASE_OF(twice_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: array 'twice_storage' already backs a lease; a second lease of the same buffer aliases it [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: first lease of 'twice_storage' created here
  from_macro();
  consume(header_buffer());
  return 0;
}
