// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// A callee's summary says, for each lent parameter, what the argument bound
// to it holds when the call returns: what the callee left there, or what
// another lent parameter held when the call began (a helper that trades
// leases between its parameters, as a project's own swap does). Each
// parameter's summary goes to the argument bound to it, in whatever order
// the call names them.
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);

// Takes the first, gives the second back.
void give_first(Bytes &first, Bytes &) { consume(std::move(first)); }

// Trades what the two hold.
void trade(Bytes &left, Bytes &right) {
  Bytes held = std::move(left);
  left = std::move(right);
  right = std::move(held);
}

// Moves the first into the second (whose own buffer is lost).
void shift(Bytes &from, Bytes &to) { to = std::move(from); }
// CHECK-MESSAGES: :[[@LINE-1]]:41: warning: lease 'to' still owns its buffer when it is overwritten; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-2]]:32: note: lease 'to' got its buffer here

void given_in_both_orders() {
  Bytes x = idle.take();
  Bytes y = idle.take();
  give_first(x, y);
  give_first(y, x);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: lease 'x' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:14: note: lease 'x' transferred here
}

void traded_after_transfer() {
  Bytes x = idle.take();
  consume(std::move(x));
  Bytes y = idle.take();
  trade(x, y);
  idle.put(std::move(x));
  consume(std::move(y));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'y' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:3: note: lease 'y' transferred here
}

void traded_then_dropped() {
  Bytes x;
  Bytes y = idle.take();
  trade(x, y);
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'x' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: lease 'x' got its buffer here

void shifted_then_used() {
  Bytes x = idle.take();
  Bytes y;
  shift(x, y);
  idle.put(std::move(y));
  consume(std::move(x));
  // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: lease 'x' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-4]]:9: note: lease 'x' transferred here
}

// Not reported below: each lease is handed on, or empty, on every path.
void given_in_the_other_order() {
  Bytes x = idle.take();
  Bytes y = idle.take();
  give_first(y, x);
  idle.put(std::move(x));
}

void traded_into_empty() {
  Bytes x = idle.take();
  Bytes y;
  trade(x, y);
  idle.put(std::move(y));
}

void traded_back() {
  Bytes x = idle.take();
  Bytes y = idle.take();
  trade(x, y);
  trade(y, x);
  idle.put(std::move(x));
  idle.put(std::move(y));
}
