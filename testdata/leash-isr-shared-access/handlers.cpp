// RUN: %check-rule %s leash-isr-shared-access
// Interrupt handlers and the helpers of this translation unit they call
// directly: a use of a cell, or a call into a component, is found.
#include "Inputs/ack.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <cstdint>

// CHECK-MESSAGES: {{.*}}ack.h:6:39: warning: use of cell 'header_pending' in 'acknowledge_in_header', which interrupt handler 'header_handler' calls; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
// CHECK-MESSAGES: :66:3: note: called from interrupt handler 'header_handler' here

class LEASH_COMPONENT Uart {
public:
  void handle_interrupt() const { received_.set(1); }
  static std::uint32_t irq_number() { return 5; }
  LEASH_INTERRUPT void top_half() const;

private:
  leash::Cell<std::uint32_t> received_;
};

const Uart uart;
leash::Cell<std::uint32_t> ticks;
leash::Cell<bool> flags[2];
std::array<leash::OptionalCell<int>, 2> slots;
struct Statistics {
  leash::Cell<unsigned> retries;
};
Statistics statistics;

void record_tick() { ticks.set(ticks.get() + 1); }
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: use of cell 'ticks' in 'record_tick', which interrupt handler 'timer_handler' calls; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
// CHECK-MESSAGES: :58:3: note: called from interrupt handler 'timer_handler' here
// CHECK-MESSAGES: :[[@LINE-3]]:32: warning: use of cell 'ticks' in 'record_tick', which interrupt handler 'timer_handler' calls; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
// CHECK-MESSAGES: :58:3: note: called from interrupt handler 'timer_handler' here

#define ACKNOWLEDGE() flags[0].set(false)

LEASH_INTERRUPT void uart_handler() {
  uart.handle_interrupt();
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: call to 'handle_interrupt' of component 'Uart' in interrupt handler 'uart_handler'; interrupt handlers only acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: interrupt handler 'uart_handler' declared here
  ACKNOWLEDGE();
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'flags' in interrupt handler 'uart_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-6]]:22: note: interrupt handler 'uart_handler' declared here
  auto later = []() { slots[1].clear(); };
  // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: use of cell 'slots' in interrupt handler 'uart_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-9]]:22: note: interrupt handler 'uart_handler' declared here
  later();
  (void)Uart::irq_number();
}

LEASH_INTERRUPT void timer_handler() {
  record_tick();
  statistics.retries.set(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:14: warning: use of cell 'retries' in interrupt handler 'timer_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-4]]:22: note: interrupt handler 'timer_handler' declared here
  record_tick();
}

LEASH_INTERRUPT void header_handler() {
  acknowledge_in_header();
}

// Out of line: the marker is on the declaration in the class.
void Uart::top_half() const {
  received_.set(0);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'received_' in interrupt handler 'top_half'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:12: note: interrupt handler 'top_half' declared here
}

// A component derived from a component base, and a static local cell.
class LEASH_COMPONENT Device {
public:
  void reset() const {}
};
class Timer final : public Device {};
const Timer timer;

LEASH_INTERRUPT void reset_handler() {
  timer.reset();
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: call to 'reset' of component 'Timer' in interrupt handler 'reset_handler'; interrupt handlers only acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-3]]:22: note: interrupt handler 'reset_handler' declared here
  static leash::Cell<unsigned> resets;
  resets.set(1);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: use of cell 'resets' in interrupt handler 'reset_handler'; cells are not interrupt-safe: acknowledge the hardware and defer the work to the kernel loop [leash-isr-shared-access]
  // CHECK-MESSAGES: :[[@LINE-7]]:22: note: interrupt handler 'reset_handler' declared here
}
