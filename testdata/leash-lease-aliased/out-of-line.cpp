// RUN: %check-rule %s leash-lease-aliased
// Out-of-line definitions: the LEASH_UNSAFE marker on the declaration
// covers the definition; a member defined out of line is reported at its
// definition. A project's own LEASH_LEASE type counts like Lease.
#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstddef>
#include <cstdint>

/// A project's own buffer handle, built from an array by its constructor.
class LEASH_LEASE DmaBuffer {
public:
  template <std::size_t N>
  explicit DmaBuffer(std::uint32_t (&words)[N]) : words_(words), size_(N) {}
  DmaBuffer(DmaBuffer &&) = default;

private:
  std::uint32_t *words_;
  std::size_t size_;
};

std::uint32_t own_type_storage[4];
std::uint32_t own_type_main_storage[4];
std::uint8_t out_of_line_storage[8];
std::uint8_t declared_unsafe_storage[8];

void consume(DmaBuffer buffer);
void consume(leash::Lease<std::uint8_t> lease);

struct Capsule {
  void restart() const;
  LEASH_UNSAFE("called once, from main") void start() const;
};

void Capsule::restart() const {
  consume(leash::Lease<std::uint8_t>::from(out_of_line_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lease of 'out_of_line_storage' created in 'Capsule::restart', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
}

void Capsule::start() const {
  consume(leash::Lease<std::uint8_t>::from(declared_unsafe_storage));
}

void own_type() {
  consume(DmaBuffer(own_type_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: lease of 'own_type_storage' created in 'own_type', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
}

int main() {
  consume(DmaBuffer(own_type_main_storage));
  Capsule capsule;
  capsule.start();
  capsule.restart();
  own_type();
  return 0;
}
