// RUN: %check-rule %s leash-cell-reentrant-map
// A project's own cells, whose members have other names and say their roles
// with LEASH_ROLE (../Inputs/user_vocabulary.h): found and not found as the
// vocabulary's own are in same-cell.cpp. A member is known by its role:
// `lend` is the cell's map, `reclaim` its take, `give` its put.
#include "../Inputs/user_vocabulary.h"

#include <cstdint>

using Bytes = project::Buffer<std::uint8_t>;

std::uint8_t storage[8];
project::Slot<Bytes> buffer;
project::Slot<Bytes> spare;
project::Guarded<int> table{1};
project::Guarded<int> other_table{2};

void found() {
  buffer.lend([](Bytes &lease) {
    buffer.lend([](Bytes &inner) { inner[0] = 1; });
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'lend' on 'buffer' inside its own 'lend': a take cell is empty while it is mapped, so this finds nothing [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:10: note: cell mapped here
    Bytes nothing = buffer.reclaim();
    // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: 'reclaim' on 'buffer' inside its own 'lend': a take cell is empty while it is mapped, so this finds nothing [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-6]]:10: note: cell mapped here
    buffer.give(std::move(nothing));
    // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'give' on 'buffer' inside its own 'lend': one of the two values is lost when the outer 'lend' puts its value back [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-9]]:10: note: cell mapped here
    lease[0] = 2;
  });
  table.with([](int &) {
    table.with([](int &) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'with' on 'table' inside its own 'with': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:9: note: cell mapped here
    (void)table.swap_in(3);
    // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'swap_in' on 'table' inside its own 'with': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-6]]:9: note: cell mapped here
  });
  // Through a reference bound to the cell, and a callable in a variable.
  auto &alias = table;
  auto reenter = [&](int &) { alias.store(4); };
  // CHECK-MESSAGES: :[[@LINE-1]]:37: warning: 'store' on 'alias' inside its own 'with': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE+2]]:9: note: cell mapped here
  (void)reenter;
  table.with(reenter);
  // The other lending member, `lend_or`, is a map too.
  int first = buffer.lend_or(0, [](Bytes &lease) {
    (void)buffer.exchange(std::move(lease));
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'exchange' on 'buffer' inside its own 'lend_or': one of the two values is lost when the outer 'lend_or' puts its value back [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:22: note: cell mapped here
    return 1;
  });
  (void)first;
}

void not_found() {
  // Another cell, a member without a role that changes the content (the
  // emptiness tests), a lease captured by reference and written through.
  buffer.lend([](Bytes &lease) {
    spare.lend([&](Bytes &other) { other[0] = lease[0]; });
    lease[1] = 0;
    (void)buffer.holding();
    (void)buffer.vacant();
  });
  table.with([](int &value) { other_table.store(value); });
  table.store(5);
}

int main() {
  buffer.give(Bytes::over(storage));
  found();
  not_found();
}

// A static local cell, and an array of cells: the same element is found.
void static_and_arrays() {
  static project::Guarded<int> local{0};
  local.with([](int &) { (void)local.claim(); });
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'claim' on 'local' inside its own 'with': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: cell mapped here
  static project::Slot<Bytes> slots[2];
  slots[0].lend([](Bytes &) { slots[0].give(Bytes()); });
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: 'give' on 'slots[0]' inside its own 'lend': one of the two values is lost when the outer 'lend' puts its value back [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: cell mapped here
  slots[0].lend([](Bytes &) { slots[1].give(Bytes()); });
}

// A role written once, on an interface: an override does what the member it
// overrides says it does, through the derived class and through the base.
class LEASH_CELL("map") Registry {
public:
  template <typename F> LEASH_ROLE("lend") void with(F &&f) const {
    int value = 0;
    f(value);
  }
  LEASH_ROLE("put") virtual void store(int value) const = 0;
  virtual void log(int value) const = 0;
};

class RamRegistry final : public Registry {
public:
  void store(int value) const override { (void)value; }
  void log(int value) const override { (void)value; }
};

RamRegistry registry;

void overrides() {
  registry.with([](int &) { registry.store(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'store' on 'registry' inside its own 'with': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:12: note: cell mapped here
  const Registry &base = registry;
  base.with([&](int &) { base.store(2); });
  // CHECK-MESSAGES: :[[@LINE-1]]:31: warning: 'store' on 'base' inside its own 'with': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: cell mapped here
  // Silent: an override of a member without a role.
  registry.with([](int &value) { registry.log(value); });
}
