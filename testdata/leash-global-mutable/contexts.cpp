// RUN: %check-rule %s leash-global-mutable
// Templates (once, at the template), lambdas, macros, inheritance.
#include <leash/annotations.h>
#include <leash/cell.h>

#include <atomic>

template <typename T> struct Registry {
  static inline T last{};
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: mutable static data member 'last' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
  static inline unsigned count = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: mutable static data member 'count' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
  static inline leash::Cell<unsigned> calls;
};

template <typename T> T remember(T value) {
  static T previous{};
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: mutable static local variable 'previous' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
  T old = previous;
  previous = value;
  return old + Registry<T>::last + T(Registry<T>::count);
}

int use_templates() {
  return remember(1) + static_cast<int>(remember(2L)) +
         static_cast<int>(Registry<leash::Cell<int>>::calls.get());
}

auto counter = []() {
  static int calls = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: mutable static local variable 'calls' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
  return ++calls;
};

#define DEFINE_FLAG(name) bool name = false

DEFINE_FLAG(verbose);
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: mutable global variable 'verbose' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]

// Not found: a lambda without captures (it has no state, the static local
// inside it is reported), a constant lambda, a macro defining a cell, classes made of
// cells or derived from a component or an atomic.
const auto constant_counter = []() { return 1; };
#define DEFINE_CELL(name) leash::Cell<bool> name
DEFINE_CELL(quiet);

struct Pair {
  leash::Cell<int> first;
  leash::Cell<int> second;
};
Pair pair;

class LEASH_COMPONENT Device {
public:
  void start() const { started_.set(true); }

private:
  leash::Cell<bool> started_;
};
class Uart final : public Device {};
Uart uart;

struct Counter : std::atomic<unsigned> {};
Counter events;
