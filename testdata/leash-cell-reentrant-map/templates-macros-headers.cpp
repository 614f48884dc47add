// RUN: %check-rule %s leash-cell-reentrant-map
// Templates (reported once, at the template), macros (at the macro's use),
// a user's own annotated cell type, and a header.
#include "Inputs/pool.h"

// CHECK-MESSAGES: {{.*}}pool.h:17:16: warning: 'take' on 'pool' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
// CHECK-MESSAGES: {{.*}}pool.h:16:8: note: cell mapped here

#include <leash/leash.h>

void leash::violation_hook(Violation, const char *) noexcept {}

template <typename T> class LEASH_COMPONENT Holder {
public:
  void touch() const {
    cell_.map([this](T &value) {
      value = T{};
      cell_.put(nullptr);
      // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: 'put' on 'cell_' inside its own 'map': one of the two values is lost when the outer 'map' puts its value back [leash-cell-reentrant-map]
      // CHECK-MESSAGES: :[[@LINE-4]]:11: note: cell mapped here
    });
  }

private:
  leash::TakeCell<T> cell_;
};

void use_holders(const Holder<int> &ints, const Holder<long> &longs) {
  ints.touch();
  longs.touch();
}

#define REFILL(cell) (cell).put(1)

leash::MapCell<int> counter{0};

void macro() {
  counter.map([](int &) { REFILL(counter); });
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: 'put' on 'counter' inside its own 'map': a map cell refuses re-entrant access and reports it (leash::MapCell panics) [leash-cell-reentrant-map]
  // CHECK-MESSAGES: :[[@LINE-2]]:11: note: cell mapped here
}

// Not found: a template whose inner access is on another cell; a helper
// called inside the callable (another function's body is not looked into).
template <typename T> void copy(const leash::MapCell<T> &from,
                                const leash::MapCell<T> &to) {
  from.map([&](T &value) { to.put(value); });
}

void drain(const leash::MapCell<int> &cell) { (void)cell.take(); }

void helper() {
  leash::MapCell<int> a{1};
  leash::MapCell<int> b{2};
  copy(a, b);
  counter.map([](int &) { drain(counter); });
}
