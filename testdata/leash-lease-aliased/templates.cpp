// RUN: %check-rule %s leash-lease-aliased
// A creation in a template is reported once, at the template, however many
// times the template is instantiated.
#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

std::uint8_t byte_storage[8];
std::uint16_t word_storage[8];
std::uint8_t pool_storage[8];

template <typename T, unsigned N> leash::Lease<T> lease_of(T (&array)[N]) {
  return leash::Lease<T>::from(array);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease of 'array' created in 'lease_of', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
}

template <typename T> struct Pool {
  leash::Lease<std::uint8_t> get() const {
    return leash::Lease<std::uint8_t>::from(pool_storage);
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: lease of 'pool_storage' created in 'Pool::get', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
  }
};

// Not reported: a justified template.
template <typename T, unsigned N>
LEASH_UNSAFE("each instantiation is called once, by main")
leash::Lease<T> justified_lease_of(T (&array)[N]) {
  return leash::Lease<T>::from(array);
}

void consume(leash::Lease<std::uint8_t> lease);
void consume(leash::Lease<std::uint16_t> lease);

int main() {
  consume(lease_of(byte_storage));
  consume(lease_of(word_storage));
  consume(Pool<int>().get());
  consume(Pool<char>().get());
  std::uint8_t other[4];
  consume(justified_lease_of(other));
  return 0;
}
