// RUN: %check-rule %s leash-isr-shared-access
// A handler that gives a cell to a helper: the vocabulary's numeric helpers,
// a cell's own members, or a helper of the project's. The cell is used at
// the call in the handler, and that is where it is reported, once: never
// inside the helper on its parameter, and never inside the vocabulary's (or
// a project's own cell type's) implementation.
#include "Inputs/own_cell.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/numeric_cell.h>
#include <leash/optional_cell.h>

leash::Cell<unsigned> events;
leash::OptionalCell<int> last;
Counter counter;
leash::Cell<unsigned> total;

LEASH_INTERRUPT void count_handler() {
  leash::increment(events);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: use of cell 'events' in interrupt handler 'count_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :19:22: note: interrupt handler 'count_handler' declared here
  (void)leash::get_and_add(events, 2U);
  // CHECK-MESSAGES: :[[@LINE-1]]:28: warning: use of cell 'events' in interrupt handler 'count_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :19:22: note: interrupt handler 'count_handler' declared here
  last.insert(3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'last' in interrupt handler 'count_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :19:22: note: interrupt handler 'count_handler' declared here
  counter.bump();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'counter' in interrupt handler 'count_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :19:22: note: interrupt handler 'count_handler' declared here
}

// A helper of the project's that is given a cell, and uses one of its own.
void add_twice(const leash::Cell<unsigned> &cell, unsigned amount) {
  cell.set(cell.get() + amount);
  total.set(total.get() + amount);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'total' in 'add_twice', which interrupt handler 'add_handler' calls; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :45:3: note: called from interrupt handler 'add_handler' here
  // CHECK-MESSAGES: :[[@LINE-3]]:13: warning: use of cell 'total' in 'add_twice', which interrupt handler 'add_handler' calls; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :45:3: note: called from interrupt handler 'add_handler' here
}

LEASH_INTERRUPT void add_handler() {
  add_twice(events, 2);
  // CHECK-MESSAGES: :[[@LINE-1]]:13: warning: use of cell 'events' in interrupt handler 'add_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: interrupt handler 'add_handler' declared here
}

// Given by address, or as a default argument: reported at the handler's
// argument, or at its call.
void bump_through(const leash::Cell<unsigned> *cell) {
  cell->set(cell->get() + 1);
}
void bump_default(const leash::Cell<unsigned> &cell = total) { cell.set(1); }

LEASH_INTERRUPT void pointer_handler() {
  bump_through(&events);
  // CHECK-MESSAGES: :[[@LINE-1]]:17: warning: use of cell 'events' in interrupt handler 'pointer_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: interrupt handler 'pointer_handler' declared here
  bump_default();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'total' in interrupt handler 'pointer_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:22: note: interrupt handler 'pointer_handler' declared here
}
