// RUN: %check-rule %s leash-component-mutable-field
// A range-based for binds its loop variable to each element of the range:
// writing through a non-const loop variable writes the component's member
// that the range names, as a direct write would.
#include <leash/annotations.h>
#include <leash/cell.h>

#include <array>

struct Slot {
  unsigned count = 0;
  leash::Cell<unsigned> hits;
  void clear() { count = 0; }
};

class LEASH_COMPONENT Table {
public:
  // Found: writes through the loop variable, in every form.
  void reset() {
    for (Slot &slot : slots_)
      slot.count = 1;
    // CHECK-MESSAGES: :[[@LINE-2]]:23: warning: assignment to data member 'slots_' of component 'Table' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: written through the loop variable 'slot' here
    // CHECK-MESSAGES: :70:8: note: data member 'slots_' declared here; make it a cell
    for (auto &each : totals_)
      ++each;
    // CHECK-MESSAGES: :[[@LINE-2]]:23: warning: increment of data member 'totals_' of component 'Table' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :[[@LINE-2]]:7: note: written through the loop variable 'each' here
    // CHECK-MESSAGES: :71:27: note: data member 'totals_' declared here; make it a cell
    for (auto &&slot : this->spare_) {
      unsigned seen = slot.count;
      slot.clear();
      (void)seen;
    }
    // CHECK-MESSAGES: :[[@LINE-5]]:30: warning: non-const member call on data member 'spare_' of component 'Table' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :[[@LINE-4]]:7: note: written through the loop variable 'slot' here
    // CHECK-MESSAGES: :72:8: note: data member 'spare_' declared here; make it a cell
    for (auto &row : grid_)
      for (unsigned &cell : row)
        cell = 0;
    // CHECK-MESSAGES: :[[@LINE-3]]:22: warning: assignment to data member 'grid_' of component 'Table' outside a constructor; component state changes only through cells [leash-component-mutable-field]
    // CHECK-MESSAGES: :[[@LINE-2]]:9: note: written through the loop variable 'cell' here
    // CHECK-MESSAGES: :73:12: note: data member 'grid_' declared here; make it a cell
  }

  // Not found: reads through the loop variable, cells written through it,
  // copies, and loops over objects that are not the component's.
  unsigned sum() const {
    unsigned total = 0;
    for (const Slot &slot : slots_)
      total += slot.count;
    for (auto &slot : slots_)
      slot.hits.set(slot.hits.get() + 1);
    for (unsigned value : totals_) {
      value = 0;
      total += value;
    }
    for (auto &cell : cells_)
      cell.set(total);
    return total;
  }

  void locals() {
    Slot scratch[2];
    for (Slot &slot : scratch)
      slot.count = 2;
  }

private:
  Slot slots_[2];
  std::array<unsigned, 4> totals_{};
  Slot spare_[2];
  unsigned grid_[2][2] = {};
  leash::Cell<unsigned> cells_[2];
};

// Found: a component's member written through a loop variable from outside
// it, and a component reached through the loop variable itself.
class LEASH_COMPONENT Counter {
public:
  unsigned count = 0;
};

Counter counters[2];

void board_reset() {
  for (auto &counter : counters)
    counter.count = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: assignment to data member 'count' of component 'Counter' outside a constructor; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :[[@LINE-9]]:12: note: data member 'count' declared here; make it a cell
}

// Not found: a plain struct's members, through a loop variable.
void plain_reset(Slot (&slots)[2]) {
  for (Slot &slot : slots)
    slot.count = 0;
}
