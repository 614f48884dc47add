// RUN: %check-rule %s leash-cell-reentrant-map
// Inside the callable given to a TakeCell's or MapCell's map: another map,
// take, put or replace on the same cell is found; on another cell it is not.
#include <leash/leash.h>

#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

std::uint8_t storage[8];
leash::TakeCell<leash::Lease<std::uint8_t>> buffer;
leash::TakeCell<leash::Lease<std::uint8_t>> spare;
leash::MapCell<int> table{1};
leash::MapCell<int> other_table{2};
leash::OptionalCell<int> optional;

void found() {
  buffer.map([](leash::Lease<std::uint8_t> &lease) {
    buffer.map([](leash::Lease<std::uint8_t> &inner) { inner[0] = 1; });
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'map' on 'buffer' inside its own 'map': a take cell is empty while it is mapped, so this finds nothing [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cell mapped here
    leash::Lease<std::uint8_t> nothing = buffer.take();
    // CHECK-MESSAGES: :[[@LINE-1]]:49: warning: 'take' on 'buffer' inside its own 'map': a take cell is empty while it is mapped, so this finds nothing [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-6]]:10: note: cell mapped here
    buffer.put(std::move(nothing));
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'put' on 'buffer' inside its own 'map': one of the two values is lost when the outer 'map' puts its value back [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-9]]:10: note: cell mapped here
    lease[0] = 2;
  });
  table.map([](int &value) {
    value = table.map_or(0, [](int &inner) { return inner; });
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: 'map_or' on 'table' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: cell mapped here
    (void)table.replace(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'replace' on 'table' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-6]]:9: note: cell mapped here
  });
  // Through a reference bound to the cell, and a callable in a variable.
  auto &alias = table;
  auto reenter = [&](int &) { alias.put(4); };
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'put' on 'alias' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE+2]]:9: note: cell mapped here
  (void)reenter;
  table.map(reenter);
}

void not_found() {
  // Another cell, another kind of access, an OptionalCell (its map works on
  // a copy), a lease captured by reference and written through.
  buffer.map([](leash::Lease<std::uint8_t> &lease) {
    spare.map([&](leash::Lease<std::uint8_t> &other) { other[0] = lease[0]; });
    lease[1] = 0;
    (void)buffer.is_some();
  });
  table.map([](int &value) { other_table.put(value); });
  optional.map([](int value) {
    optional.set(value + 1);
    (void)optional.take();
    return value;
  });
  table.put(5);
}

int main() {
  buffer.put(leash::Lease<std::uint8_t>::from(storage));
  found();
  not_found();
}

// A static local cell, and an array of cells: the same element is found.
void static_and_arrays() {
  static leash::MapCell<int> local{0};
  local.map([](int &) { (void)local.take(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'take' on 'local' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: cell mapped here
  static leash::TakeCell<int> slots[2];
  slots[0].map([](int &) { slots[0].put(nullptr); });
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'put' on 'slots[0]' inside its own 'map': one of the two values is lost when the outer 'map' puts its value back [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: cell mapped here
  slots[0].map([](int &) { slots[1].put(nullptr); });
}
