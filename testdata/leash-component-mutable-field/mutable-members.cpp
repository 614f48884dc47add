// RUN: %check-rule %s leash-component-mutable-field
// A `mutable` member of a component that is not a cell is reported once, at
// its declaration (and not again where it is written).
#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <cstdint>

class LEASH_COMPONENT Sensor {
public:
  void sample(std::uint32_t value) const {
    last_ = value;
    ++count_;
    history_[0] = value;
    latest_.set(value);
  }

private:
  // Found.
  mutable std::uint32_t last_ = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: data member 'last_' of component 'Sensor' is declared mutable but is not a cell; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :11:23: note: component 'Sensor' declared here
  mutable unsigned count_ = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: data member 'count_' of component 'Sensor' is declared mutable but is not a cell; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :11:23: note: component 'Sensor' declared here
  mutable std::array<std::uint32_t, 4> history_{};
  // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: data member 'history_' of component 'Sensor' is declared mutable but is not a cell; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :11:23: note: component 'Sensor' declared here

  // Not found: mutable cells, arrays of cells, classes made of cells.
  mutable leash::Cell<std::uint32_t> latest_;
  mutable leash::Cell<bool> flags_[2];
  mutable std::array<leash::OptionalCell<int>, 3> slots_;
  struct Pair {
    leash::Cell<int> first;
    leash::OptionalCell<int> second;
  };
  mutable Pair pair_;
};

// A component class template: reported once, at the template, for the
// instantiations where the member is not a cell.
template <typename T> class LEASH_COMPONENT Holder {
public:
  mutable T value_{};
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: data member 'value_' of component 'Holder' is declared mutable but is not a cell; component state changes only through cells [leash-component-mutable-field]
  // CHECK-MESSAGES: :45:45: note: component 'Holder' declared here
};

Holder<int> int_holder;
Holder<long> long_holder;
Holder<leash::Cell<int>> cell_holder;

// Not found: a mutable member of a class that is not a component.
struct Cache {
  mutable int hits = 0;
};
