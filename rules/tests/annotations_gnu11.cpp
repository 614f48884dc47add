/// Every annotation macro in code that is not C++20: the README promises
/// that annotations.h compiles warning-free from -std=gnu++11 on, under
/// GCC (where the macros vanish) and Clang (where they are attributes).
#include "leash/annotations.h"

namespace {

class LEASH_COMPONENT Component {
public:
  LEASH_UNSAFE("test") int safe_to_call() const { return 1; }
  LEASH_UNSAFE_API int unsafe_to_call() const { return 2; }
  LEASH_INTERRUPT void handler() const {}
  LEASH_IN_FLIGHT int in_flight = 3;
};

template <typename T> class LEASH_LEASE Handle {
public:
  LEASH_ROLE("test_empty") bool empty() const { return value_ == nullptr; }

private:
  T *value_ = nullptr;
};

template <typename T> class LEASH_CELL("take") Slot {
public:
  LEASH_ROLE("take") T reclaim() const { return value_; }
  LEASH_ROLE("put") void give(T value) const { value_ = value; }
  template <typename F> LEASH_ROLE("lend") int lend(F f) const {
    return f(value_);
  }

private:
  mutable T value_{};
};

class LEASH_STATIC_ONLY Forever {};

} // namespace

int annotated_in_gnu11() {
  const Component component;
  const Slot<int> slot;
  slot.give(component.safe_to_call());
  int sum = slot.reclaim() + slot.lend([](int value) { return value; });
  LEASH_UNSAFE_BLOCK("calls an unsafe API") {
    sum += component.unsafe_to_call();
  }
  const Handle<int> handle;
  Forever forever;
  (void)forever;
  return sum + (handle.empty() ? 1 : 0) + component.in_flight;
}
