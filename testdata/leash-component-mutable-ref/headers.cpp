// RUN: %check-rule %s leash-component-mutable-ref
// A declaration in an included header is reported at its line in the
// header, once; the main file's const uses are not reported.
#include "Inputs/led_driver.h"

// CHECK-MESSAGES: {{.*}}led_driver.h:13:24: warning: non-const reference to component 'LedDriver' in parameter 'driver'; components are shared, so use them through const [leash-component-mutable-ref]
// CHECK-MESSAGES: {{.*}}led_driver.h:5:23: note: component 'LedDriver' declared here

void attach(LedDriver &driver) { driver.set(true); }

void attach_const(const LedDriver &driver) { driver.set(false); }
