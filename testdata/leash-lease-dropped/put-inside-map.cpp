// RUN: %check-rule %s leash-lease-*,leash-cell-reentrant-map
// A new lease put into a cell inside that cell's own map: the outer map puts
// its lease back afterwards and one of the two buffers is lost. That is one
// defect and one finding, leash-cell-reentrant-map's; no lease rule reports
// the lease that was moved into the put, and the lease lent to the callable
// is not lost either (map puts it back).
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstdint>
#include <utility>

using Bytes = leash::Lease<std::uint8_t>;

leash::TakeCell<Bytes> idle;
leash::TakeCell<Bytes> spare;

void put_a_new_lease_inside_map(Bytes fresh) {
  idle.map([&](Bytes &) { idle.put(std::move(fresh)); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'put' on 'idle' inside its own 'map': one of the two values is lost when the outer 'map' puts its value back [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: cell mapped here
}

void replace_inside_map() {
  idle.map([](Bytes &) {
    Bytes old = idle.replace(spare.take());
    // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'replace' on 'idle' inside its own 'map': one of the two values is lost when the outer 'map' puts its value back [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:8: note: cell mapped here
    spare.put(std::move(old));
  });
}

// Not reported: the same put on another cell, and the mapped lease handed
// over by swapping it with a fresh one.
void put_into_another_cell(Bytes fresh) {
  idle.map([&](Bytes &) { spare.put(std::move(fresh)); });
}

void swap_inside_map(Bytes fresh) {
  idle.map([&](Bytes &held) {
    Bytes old = std::move(held);
    held = std::move(fresh);
    spare.put(std::move(old));
  });
}
