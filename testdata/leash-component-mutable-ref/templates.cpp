// RUN: %check-rule %s leash-component-mutable-ref
// Templates: a declaration is reported once, at the template, however many
// times it is instantiated. A type that becomes a component only when the
// template is instantiated (`T &` with T a component) is not reported.
#include <leash/annotations.h>
#include <leash/cell.h>

struct LEASH_COMPONENT Led {
  void toggle() const { on_.set(!on_.get()); }
  leash::Cell<bool> on_;
};

template <typename T> void blink(Led &led, T times) {
  // CHECK-MESSAGES: :[[@LINE-1]]:39: warning: non-const reference to component 'Led' in parameter 'led'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :8:24: note: component 'Led' declared here
  for (T i = 0; i < times; ++i)
    led.toggle();
}

// A component class template: its non-const members and its pointers to
// itself are reported once, at the template.
template <unsigned N> class LEASH_COMPONENT LedBank {
public:
  void clear();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: non-const member function 'clear' on component 'LedBank'; components are shared, so their member functions are const and change state through cells [leash-component-mutable-ref]
  // CHECK-MESSAGES: :22:45: note: component 'LedBank' declared here
  unsigned count() const { return N; }
  LedBank *next;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: non-const pointer to component 'LedBank' in data member 'next'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :22:45: note: component 'LedBank' declared here
};

template <unsigned N> void LedBank<N>::clear() {}

void use_templates(const Led &led) {
  blink(const_cast<Led &>(led), 3);
  blink(const_cast<Led &>(led), 4U);
  LedBank<2> two;
  LedBank<3> three;
  two.clear();
  three.clear();
}

// Not found: the component is reached through a template parameter.
template <typename T> void poke(T &anything) { anything.toggle(); }

void use_poke(const Led &led) { poke(const_cast<Led &>(led)); }
