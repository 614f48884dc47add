// RUN: %check-rule %s leash-cell-reentrant-map
// Cells that are members: the same member of `this` is the same cell (in a
// component, through a base, in a struct inside the component, an array
// element at a constant index); another object's member, or an element at
// an index not known, is not compared.
#include <leash/leash.h>

#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Queue {
  leash::MapCell<int> items{0};
};

class LEASH_COMPONENT Base {
protected:
  leash::TakeCell<int> slot_;
};

class LEASH_COMPONENT Driver : public Base {
public:
  void run() const;
  void run_template() const;
  void other(const Driver &peer) const {
    queue_.items.map([&](int &) { peer.queue_.items.put(1); });
    for (int i = 0; i < 2; ++i)
      banks_[i].map([&](int &) { banks_[1 - i].put(2); });
    banks_[0].map([&](int &) { banks_[1].put(3); });
  }

private:
  Queue queue_;
  leash::MapCell<int> banks_[2];
};

void Driver::run() const {
  slot_.map([this](int &value) {
    ++value;
    int *again = this->slot_.take();
    // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'take' on 'this->slot_' inside its own 'map': a take cell is empty while it is mapped, so this finds nothing [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-4]]:9: note: cell mapped here
    (void)again;
  });
  queue_.items.map([this](int &) {
    queue_.items.map([](int &) {});
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'map' on 'queue_.items' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:16: note: cell mapped here
  });
  banks_[1].map([this](int &) {
    banks_[1].put(7);
    // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'put' on 'banks_[1]' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
    // CHECK-MESSAGES: :[[@LINE-3]]:13: note: cell mapped here
  });
}

// Through a pointer to the cell: the same pointer is the same cell.
void through_pointer(const leash::MapCell<int> *cell,
                     const leash::MapCell<int> *other) {
  cell->map([&](int &) { cell->put(1); });
  // CHECK-MESSAGES: :[[@LINE-1]]:32: warning: 'put' on 'cell' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:9: note: cell mapped here
  cell->map([&](int &) { other->put(1); });
}
