// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// A project's own lease, cells and optional-like wrapper, whose members
// have other names and say their roles with LEASH_ROLE
// (../Inputs/user_vocabulary.h): as with std::optional in wrappers.cpp, a
// lease held in a Maybe (what Guarded::claim returns) is lost at scope
// exit, on an early return, by `drop()` ("clear"), by a `fill()` ("put")
// over a full one, or discarded; moved out with `get_ref()` ("unwrap") or
// `*` and used again. Tests with `present()` and operator bool ("test_full")
// and `->empty()` refine ownership.
#include "../Inputs/user_vocabulary.h"

#include <cstddef>
#include <cstdint>
#include <utility>

using Bytes = project::Buffer<std::uint8_t>;
using Held = project::Maybe<Bytes>;

project::Guarded<Bytes> pool;
project::Slot<Bytes> idle;
void consume(Bytes buffer);
bool ready();

void never_used() {
  auto held = pool.claim();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'held' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'held' got its buffer here

void early_return() {
  if (auto held = pool.claim()) {
    if (!ready())
      return;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lease 'held' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
      // CHECK-MESSAGES: :[[@LINE-4]]:12: note: lease 'held' got its buffer here
      // CHECK-MESSAGES: :[[@LINE-4]]:9: note: on the path where this condition is true
    idle.give(std::move(*held));
  }
}

void dropped_while_full() {
  Held held = pool.claim();
  held.drop();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'held' still owns its buffer when it is reset; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'held' got its buffer here
}

void filled() {
  Held held = pool.claim();
  held.fill(idle.reclaim());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'held' still owns its buffer when it is overwritten; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'held' got its buffer here
  if (held.present())
    consume(std::move(*held));
}

void discarded() {
  pool.claim();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease returned by 'claim' is discarded; the buffer is lost for good (keep it, put it back or move it on) [leash-lease-dropped]
  idle.exchange(Bytes());
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease returned by 'exchange' is discarded; the buffer is lost for good (keep it, put it back or move it on) [leash-lease-dropped]
}

std::size_t used_after(Held held) {
  if (!held)
    return 0;
  consume(std::move(held.get_ref()));
  return held.get_ref().length();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'held' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'held' transferred here
}

// Not reported below: each is handed on, checked or empty on every path.
void handed_on() {
  if (auto held = pool.claim())
    idle.give(std::move(*held));
}

void checked_first() {
  Held held = pool.claim();
  if (!held.present())
    return;
  consume(std::move(held.get_ref()));
}

void empty_wrapper() { Held none; }

Held passed_back() {
  Held held = pool.claim();
  return held;
}

void tested_through_the_lease() {
  Held held = pool.claim();
  if (!held || (*held).empty())
    return;
  pool.store(std::move(*held));
}
