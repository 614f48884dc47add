// RUN: %check-rule %s leash-isr-shared-access
// Templates: a handler or helper template is reported once, at the
// template. Macros: reported where the macro is used.
#include <leash/annotations.h>
#include <leash/cell.h>

leash::Cell<unsigned> events[4];

template <int Line> void note_event() { events[Line].set(1); }
// CHECK-MESSAGES: :[[@LINE-1]]:41: warning: use of cell 'events' in 'note_event', which interrupt handler 'line_handler' calls; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
// CHECK-MESSAGES: :[[@LINE+4]]:3: note: called from interrupt handler 'line_handler' here

template <int Line> LEASH_INTERRUPT void line_handler() {
  static_assert(Line >= 0 && Line < 4);
  note_event<Line>();
}

template void line_handler<0>();
template void line_handler<1>();

#define COUNT_EVENT(cell) (cell).set((cell).get() + 1)

leash::Cell<unsigned> spurious;

LEASH_INTERRUPT void spurious_handler() { COUNT_EVENT(spurious); }
// CHECK-MESSAGES: :[[@LINE-1]]:43: warning: use of cell 'spurious' in interrupt handler 'spurious_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: interrupt handler 'spurious_handler' declared here
