// RUN: %check-rule %s leash-lease-aliased
// A lease created inside a loop: every iteration makes another lease of the
// same buffer, even in main.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

std::uint8_t for_storage[4];
std::uint8_t while_storage[4];
std::uint8_t do_storage[4];
std::uint8_t range_storage[4];
std::uint8_t static_local_storage[4];
std::uint8_t init_storage[4];
std::uint8_t row_storage[3][4];

void consume(Bytes lease);

int main() {
  for (int i = 0; i < 2; ++i) {
    consume(Bytes::from(for_storage));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lease of 'for_storage' created inside a loop; every iteration makes another lease of the same buffer [leash-lease-aliased]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop that repeats the creation
  }
  int count = 2;
  while (count-- > 0)
    consume(Bytes::from(while_storage));
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lease of 'while_storage' created inside a loop; every iteration makes another lease of the same buffer [leash-lease-aliased]
  // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop that repeats the creation
  do {
    consume(Bytes::from(do_storage));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lease of 'do_storage' created inside a loop; every iteration makes another lease of the same buffer [leash-lease-aliased]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop that repeats the creation
  } while (count++ < 2);
  for (int step : {1, 2}) {
    consume(Bytes::from(range_storage));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lease of 'range_storage' created inside a loop; every iteration makes another lease of the same buffer [leash-lease-aliased]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop that repeats the creation
    (void)step;
  }
  for (int row = 0; row < 3; ++row) {
    consume(Bytes::from(row_storage[row]));
    // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: lease of an array created inside a loop; every iteration makes another lease of the same buffer [leash-lease-aliased]
    // CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop that repeats the creation
  }

  // Not reported: a static local's initializer runs once, even in a loop,
  // and a for loop's init-statement runs once.
  for (int i = 0; i < 2; ++i) {
    static leash::TakeCell<Bytes> cell{Bytes::from(static_local_storage)};
    consume(cell.take());
  }
  for (Bytes lease = Bytes::from(init_storage); !lease.is_empty();) {
    consume(std::move(lease));
  }
  return 0;
}
