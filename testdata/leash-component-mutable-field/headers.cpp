// RUN: %check-rule %s leash-component-mutable-field
// A write in an included header is reported at its line in the header,
// once; reads in the main file are not reported.
#include "Inputs/timer.h"

// CHECK-MESSAGES: {{.*}}timer.h:7:20: warning: assignment to data member 'start_' of component 'Timer' outside a constructor; component state changes only through cells [leash-component-mutable-field]
// CHECK-MESSAGES: {{.*}}timer.h:11:12: note: data member 'start_' declared here; make it a cell

unsigned elapsed(const Timer &timer, unsigned now) {
  return now - timer.start();
}
