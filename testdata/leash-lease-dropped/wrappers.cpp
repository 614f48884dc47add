// RUN: %check-rule %s leash-lease-dropped,leash-lease-use-after-transfer
// Leases held in std::optional (what MapCell<Lease>::take() returns): lost
// at scope exit, on an early return, by reset(), by an assignment or an
// emplace over a full one, discarded; moved out with *slot or value() and
// used again. Tests with has_value(), operator bool and `->is_empty()`
// refine ownership; std::nullopt, {} and a default wrapper are empty.
#include <leash/lease.h>
#include <leash/map_cell.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <optional>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;
using Slot = std::optional<Bytes>;

leash::MapCell<Bytes> pool;
leash::TakeCell<Bytes> idle;
void consume(Bytes buffer);
bool ready();

void never_used() {
  auto slot = pool.take();
}
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: lease 'slot' still owns its buffer when it goes out of scope; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
// CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'slot' got its buffer here

void early_return() {
  if (auto slot = pool.take()) {
    if (!ready())
      return;
      // CHECK-MESSAGES: :[[@LINE-1]]:7: warning: lease 'slot' still owns its buffer when the function returns; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
      // CHECK-MESSAGES: :[[@LINE-4]]:12: note: lease 'slot' got its buffer here
      // CHECK-MESSAGES: :[[@LINE-4]]:9: note: on the path where this condition is true
    idle.put(std::move(*slot));
  }
}

void reset_while_full() {
  Slot slot = pool.take();
  slot.reset();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'slot' still owns its buffer when it is reset; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'slot' got its buffer here
}

void overwritten() {
  Slot slot = pool.take();
  slot = pool.take();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'slot' still owns its buffer when it is overwritten; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'slot' got its buffer here
  if (slot)
    consume(std::move(slot.value()));
}

void emplaced() {
  Slot slot = pool.take();
  slot.emplace(idle.take());
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: lease 'slot' still owns its buffer when it is overwritten; the buffer is lost for good (hand it back or move it on before this point) [leash-lease-dropped]
  // CHECK-MESSAGES: :[[@LINE-3]]:8: note: lease 'slot' got its buffer here
  if (slot.has_value())
    consume(std::move(*slot));
}

void discarded() {
  pool.take();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: lease returned by 'take' is discarded; the buffer is lost for good (keep it, put it back or move it on) [leash-lease-dropped]
}

std::size_t used_after(Slot slot) {
  if (!slot)
    return 0;
  consume(std::move(*slot));
  return slot->size();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: lease 'slot' is used after its ownership was transferred; it owns no buffer here (reassign it first, or check is_empty()) [leash-lease-use-after-transfer]
  // CHECK-MESSAGES: :[[@LINE-3]]:11: note: lease 'slot' transferred here
}

// Not reported below: each is handed on, checked or empty on every path.
void handed_on() {
  if (auto slot = pool.take())
    idle.put(std::move(*slot));
}

void checked_first() {
  Slot slot = pool.take();
  if (!slot.has_value())
    return;
  consume(std::move(slot.value()));
}

void empty_wrappers() {
  Slot none;
  Slot nothing = std::nullopt;
  Slot braces{};
}

Slot passed_back() {
  Slot slot = pool.take();
  return slot;
}

void cleared_after_move() {
  Slot slot = pool.take();
  if (slot) {
    consume(std::move(*slot));
    slot = std::nullopt;
  }
}

void tested_through_arrow() {
  Slot slot = pool.take();
  if (!slot || slot->is_empty())
    return;
  pool.put(std::move(*slot));
}
