// RUN: %check-rule %s leash-lease-aliased
// Leases are created where code runs once: main(), the initializer of a
// namespace-scope or static-local object, or a LEASH_UNSAFE("why") function
// whose reason says why it runs once. Anywhere else the function may run
// again and make a second lease of the same buffer.
#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

std::uint8_t function_storage[8];
std::uint8_t method_storage[8];
std::uint8_t constructor_storage[8];
std::uint8_t lambda_storage[8];
std::uint8_t member_init_storage[8];
std::uint8_t unsafe_api_storage[8];
std::uint8_t nested_lambda_storage[8];
std::uint8_t global_storage[8];
std::uint8_t static_local_storage[8];
std::uint8_t static_member_storage[8];
std::uint8_t unsafe_storage[8];
std::uint8_t main_storage[8];

void consume(Bytes lease);

Bytes make_buffer() {
  return Bytes::from(function_storage);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease of 'function_storage' created in 'make_buffer', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
}

struct Driver {
  Driver() : buffer(Bytes::from(constructor_storage)) {}
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease of 'constructor_storage' created in 'Driver::Driver', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
  void refill() const { buffer.put(Bytes::from(method_storage)); }
  // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: lease of 'method_storage' created in 'Driver::refill', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
  leash::TakeCell<Bytes> buffer;
  leash::TakeCell<Bytes> spare{Bytes::from(member_init_storage)};
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: lease of 'member_init_storage' created in a default member initializer, which runs for every object constructed; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
};

// LEASH_UNSAFE_API says that callers must uphold something, not that the
// function runs once.
LEASH_UNSAFE_API Bytes unsafe_api_buffer() {
  return Bytes::from(unsafe_api_storage);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease of 'unsafe_api_storage' created in 'unsafe_api_buffer', which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
}

// A lambda inside a justified function is a function of its own.
LEASH_UNSAFE("called once, by main")
void wire_up() {
  auto make = [] { return Bytes::from(nested_lambda_storage); };
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: lease of 'nested_lambda_storage' created in a lambda, which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
  consume(make());
  consume(Bytes::from(unsafe_storage));
}

// Not reported: initializers of objects of static storage duration.
leash::TakeCell<Bytes> global_cell{Bytes::from(global_storage)};

const leash::TakeCell<Bytes> &cell_of_function() {
  static const leash::TakeCell<Bytes> cell{Bytes::from(static_local_storage)};
  return cell;
}

struct Board {
  static inline leash::TakeCell<Bytes> cell{
      Bytes::from(static_member_storage)};
};

int main() {
  consume(Bytes::from(main_storage));
  auto later = [] { consume(Bytes::from(lambda_storage)); };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: lease of 'lambda_storage' created in a lambda, which can run more than once; create each lease once, in main(), in a static initializer, or in a LEASH_UNSAFE("why") function that runs once [leash-lease-aliased]
  later();
  wire_up();
  consume(make_buffer());
  consume(unsafe_api_buffer());
  Driver driver;
  driver.refill();
  consume(global_cell.take());
  consume(cell_of_function().take());
  consume(Board::cell.take());
  return 0;
}
