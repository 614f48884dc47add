// RUN: %check-rule %s leash-global-mutable
// A definition in an included header is reported at its line in the header;
// a declaration is not (its definition is, where it is).
#include "Inputs/state.h"

// CHECK-MESSAGES: {{.*}}state.h:4:17: warning: mutable global variable 'header_count' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]

unsigned declared_only = 1;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: mutable global variable 'declared_only' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]

unsigned read_all() { return header_count + declared_only + header_cell.get(); }
