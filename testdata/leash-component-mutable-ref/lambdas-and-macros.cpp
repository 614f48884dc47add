// RUN: %check-rule %s leash-component-mutable-ref
// Lambdas and macros: a lambda's parameter is a parameter; a capture is
// not a declaration of its own. A declaration written by a macro is
// reported where the macro is used.
#include <leash/annotations.h>
#include <leash/cell.h>

struct LEASH_COMPONENT Button {
  bool pressed() const { return state_.get(); }
  leash::Cell<bool> state_;
};

Button button;

void lambdas() {
  auto press = [](Button &which) { return which.pressed(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: non-const reference to component 'Button' in parameter 'which'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :8:24: note: component 'Button' declared here
  auto pointer = [&]() -> Button * { return &button; };
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: non-const pointer to component 'Button' returned by 'operator()'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :8:24: note: component 'Button' declared here
  auto renamed = [&alias = button]() { return alias.pressed(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: non-const reference to component 'Button' in variable 'alias'; components are shared, so use them through const [leash-component-mutable-ref]
  // CHECK-MESSAGES: :8:24: note: component 'Button' declared here

  // Not found: captures, and const parameters.
  auto captured = [&]() { return button.pressed(); };
  auto by_const = [](const Button &which) { return which.pressed(); };
  (void)press;
  (void)pointer;
  (void)captured;
  (void)renamed;
  (void)by_const;
}

#define DECLARE_HANDLER(name, type) void name(type &target)

DECLARE_HANDLER(on_press, Button);
// CHECK-MESSAGES: :[[@LINE-1]]:1: warning: non-const reference to component 'Button' in parameter 'target'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: :8:24: note: component 'Button' declared here

// Not found: the macro names a const type.
DECLARE_HANDLER(on_release, const Button);
