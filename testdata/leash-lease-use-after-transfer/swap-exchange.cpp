// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// `std::swap` of two leases trades what they hold; `std::exchange(a, v)`
// gives `a` the value `v` (moving a lease in transfers it) and returns what
// `a` held. Uses after, and buffers lost, come out as if written out.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <optional>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
leash::TakeCell<Bytes> spare;
void consume(Bytes buffer);

// Found.
void swap_with_moved() {
  Bytes first = idle.take();
  Bytes second = spare.take();
  consume(std::move(second));
  std::swap(first, second);
  consume(std::move(second));
  consume(std::move(first));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'first' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: lease 'first' transferred here
}

void swap_loses_one() {
  Bytes first = idle.take();
  Bytes second;
  std::swap(first, second);
  consume(std::move(first));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'second' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-4]]:3: note: lease 'second' got its buffer here

void exchange_moves_in() {
  Bytes target;
  Bytes source = idle.take();
  Bytes old = std::exchange(target, std::move(source));
  consume(std::move(source));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'source' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:37: note: lease 'source' transferred here
  consume(std::move(old));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'target' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-7]]:15: note: lease 'target' got its buffer here

void exchange_returns_old() {
  Bytes held = idle.take();
  Bytes old = std::exchange(held, Bytes());
  consume(std::move(held));
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'old' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-4]]:9: note: lease 'old' got its buffer here

// Not found: every buffer handed on, whichever lease holds it.
void swap_both_handed_on() {
  Bytes first = idle.take();
  Bytes second = spare.take();
  std::swap(first, second);
  idle.put(std::move(first));
  spare.put(std::move(second));
}

void swap_into_empty() {
  Bytes first = idle.take();
  Bytes second;
  std::swap(first, second);
  idle.put(std::move(second));
}

void swap_after_move() {
  Bytes first = idle.take();
  Bytes second = spare.take();
  consume(std::move(first));
  std::swap(first, second);
  consume(std::move(first));
}

void exchange_hands_on() {
  Bytes target = idle.take();
  Bytes source = spare.take();
  Bytes old = std::exchange(target, std::move(source));
  idle.put(std::move(old));
  spare.put(std::move(target));
}

void exchange_empties() {
  Bytes held = idle.take();
  consume(std::exchange(held, Bytes()));
  Bytes again;
  again = std::exchange(held, Bytes());
}

void swap_wrappers() {
  std::optional<Bytes> first;
  std::optional<Bytes> second = spare.take();
  std::swap(first, second);
  if (first)
    consume(std::move(*first));
}
