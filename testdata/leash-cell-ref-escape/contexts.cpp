// RUN: %check-rule %s leash-cell-ref-escape
// Templates (once, at the template), macros (at the macro's use), a header,
// a callable held in a variable, a member of a component base, a user's
// own annotated cell; and the vocabulary used correctly (nothing found).
#include "Inputs/keeper.h"

#include <leash/leash.h>

#include <cstdint>

// CHECK-MESSAGES: {{.*}}keeper.h:7:34: warning: reference lent by 'map' on 'cell' escapes the call: stored in 'kept', which outlives the call [leash-cell-ref-escape]
// CHECK-MESSAGES: {{.*}}keeper.h:7:8: note: cell mapped here

void leash::violation_hook(Violation, const char *) noexcept {}

template <typename T> struct Cache {
  void remember(const leash::MapCell<T> &cell) {
    cell.map([this](T &value) { last = &value; });
    // CHECK-MESSAGES: :[[@LINE-1]]:38: warning: reference lent by 'map' on 'cell' escapes the call: stored in data member 'last' [leash-cell-ref-escape]
    // CHECK-MESSAGES: :[[@LINE-2]]:10: note: cell mapped here
  }
  T *last = nullptr;
};

void use_caches(const leash::MapCell<int> &ints,
                const leash::MapCell<long> &longs) {
  Cache<int> a;
  Cache<long> b;
  a.remember(ints);
  b.remember(longs);
}

std::uint8_t *escaped;
#define KEEP(pointer) escaped = (pointer)

class LEASH_COMPONENT Base {
protected:
  leash::TakeCell<std::uint8_t> byte_;
  leash::OptionalCell<std::uint8_t *> stash_;
};

class LEASH_COMPONENT Driver : public Base {
public:
  void run() const {
    auto keep = [this](std::uint8_t &byte) { stash_.set(&byte); };
    // CHECK-MESSAGES: :[[@LINE-1]]:57: warning: reference lent by 'map' on 'byte_' escapes the call: stored in a cell [leash-cell-ref-escape]
    // CHECK-MESSAGES: :[[@LINE+2]]:11: note: cell mapped here
    (void)keep;
    byte_.map(keep);
    byte_.map([](std::uint8_t &byte) { KEEP(&byte); });
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: reference lent by 'map' on 'byte_' escapes the call: stored in 'escaped', which outlives the call [leash-cell-ref-escape]
    // CHECK-MESSAGES: :[[@LINE-2]]:11: note: cell mapped here
  }
};

template <typename T> class LEASH_CELL("map") Slot {
public:
  template <typename F> LEASH_ROLE("lend") void map(F &&f) const { f(value_); }

private:
  mutable T value_{};
};

Slot<int> slot;
int *from_slot;

void user_cell() {
  slot.map([](int &value) { from_slot = &value; });
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: reference lent by 'map' on 'slot' escapes the call: stored in 'from_slot', which outlives the call [leash-cell-ref-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:8: note: cell mapped here
}

// Not found: the kernel's patterns. A lease captured by reference in
// another cell's map and written through; copies out; nested maps.
leash::TakeCell<leash::Lease<std::uint8_t>> transmit;
leash::TakeCell<leash::Lease<std::uint8_t>> receive;
leash::MapCell<int> counter{0};
leash::Cell<int> total;

void kernel_patterns() {
  transmit.map([&](leash::Lease<std::uint8_t> &out) {
    receive.map([&](leash::Lease<std::uint8_t> &in) {
      for (std::size_t i = 0; i < in.size() && i < out.size(); ++i)
        out[i] = in[i];
    });
    out.slice(0, 1);
  });
  counter.map([](int &value) { total.set(value); });
  int copy = counter.map_or(0, [](int &value) { return value; });
  total.set(copy);
}

// Out of line, with an array of cells.
class LEASH_COMPONENT Bank {
public:
  void keep() const;

private:
  leash::MapCell<int> slots_[2] = {leash::MapCell<int>{1},
                                   leash::MapCell<int>{2}};
  mutable int *kept_ = nullptr;
};

void Bank::keep() const {
  slots_[1].map([this](int &value) { kept_ = &value; });
  // CHECK-MESSAGES: :[[@LINE-1]]:44: warning: reference lent by 'map' on 'slots_[1]' escapes the call: stored in data member 'kept_' [leash-cell-ref-escape]
  // CHECK-MESSAGES: :[[@LINE-2]]:13: note: cell mapped here
  slots_[0].map([](int &value) { value = 3; });
}
