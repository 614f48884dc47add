// RUN: %check-rule %s leash-static-lifetime
// Components and static-only objects live in static storage: a local, a
// by-value parameter, a temporary or a heap object is found.
#include <leash/annotations.h>
#include <leash/cell.h>

class LEASH_COMPONENT Timer {
public:
  unsigned now() const { return ticks_.get(); }

private:
  leash::Cell<unsigned> ticks_;
};

struct LEASH_STATIC_ONLY Registry {
  leash::Cell<int> entries;
};

class Derived final : public Timer {};

// Found.
unsigned local() {
  Timer timer;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local variable of component type 'Timer' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  Registry registries[2];
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: local variable of static-only type 'Registry' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :15:26: note: static-only type 'Registry' declared here
  Derived derived;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: local variable of component type 'Derived' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :19:7: note: component 'Derived' declared here
  auto make = []() { return new Timer; };
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: heap object of component type 'Timer' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  const Timer &bound = Timer{};
  // CHECK-MESSAGES: :[[@LINE-1]]:24: warning: temporary of component type 'Timer' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  (void)make;
  return timer.now() + derived.now() + bound.now();
}

unsigned by_value(Registry registry);
// CHECK-MESSAGES: :[[@LINE-1]]:28: warning: parameter of static-only type 'Registry' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
// CHECK-MESSAGES: :15:26: note: static-only type 'Registry' declared here

template <typename T> unsigned in_template() {
  Timer timer;
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: local variable of component type 'Timer' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  T other{};
  // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: local variable of component type 'Timer' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  return timer.now() + other.now();
}

#define MAKE_TIMER(name) Timer name

unsigned in_macro() {
  MAKE_TIMER(macro_timer);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: local variable of component type 'Timer' does not have static storage duration; create it once, at namespace scope or as a static local [leash-static-lifetime]
  // CHECK-MESSAGES: :7:23: note: component 'Timer' declared here
  return macro_timer.now() + in_template<Timer>() + in_template<Derived>();
}

// Not found: static storage, references and pointers, class members.
Timer global_timer;
Registry global_registries[2];
const Derived derived_timer;

struct Holder {
  const Timer &timer;
  const Registry *registry;
};

unsigned statics(const Timer &timer, const Registry *registry) {
  static Timer local_static;
  static const Registry local_registry;
  const Timer &alias = global_timer;
  Holder holder{timer, registry};
  return local_static.now() + alias.now() + holder.timer.now();
}
