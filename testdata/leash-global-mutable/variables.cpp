// RUN: %check-rule %s leash-global-mutable
// Mutable objects of static storage duration: found unless they are cells,
// components, atomics, constants or a lease's backing array.
#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <array>
#include <atomic>
#include <cstdint>

// Found.
unsigned tick_count;
// CHECK-MESSAGES: :[[@LINE-1]]:10: warning: mutable global variable 'tick_count' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
volatile std::uint32_t interrupt_flags;
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: mutable global variable 'interrupt_flags' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
static std::array<int, 4> history;
// CHECK-MESSAGES: :[[@LINE-1]]:27: warning: mutable global variable 'history' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
std::uint8_t scratch[16];
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: mutable global variable 'scratch' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
namespace board {
const char *banner = "leash";
// CHECK-MESSAGES: :[[@LINE-1]]:13: warning: mutable global variable 'banner' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
} // namespace board

struct Statistics {
  static unsigned resets;
  static inline unsigned faults = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:26: warning: mutable static data member 'faults' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
};
unsigned Statistics::resets = 0;
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: mutable static data member 'resets' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]

unsigned next_id() {
  static unsigned id = 0;
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: mutable static local variable 'id' is not a cell, a component, an atomic or a lease's backing array; shared state changes only through cells [leash-global-mutable]
  return ++id;
}

// Not found.
const unsigned limit = 4;
constexpr std::uint32_t masks[2] = {1, 2};
const char *const name = "leash";
leash::Cell<unsigned> ticks;
leash::OptionalCell<int> last_error;
leash::Cell<bool> flags[4];
std::array<leash::OptionalCell<int>, 3> slots;
std::atomic<unsigned> pending{0};
std::atomic_flag busy = ATOMIC_FLAG_INIT;
extern unsigned defined_elsewhere;
unsigned &alias = defined_elsewhere;

class LEASH_COMPONENT Console {
public:
  void write(char byte) const { last_.set(byte); }

private:
  leash::Cell<char> last_;
};
Console console;
Console consoles[2];

std::uint8_t transmit_storage[32];
leash::TakeCell<leash::Lease<std::uint8_t>> transmit{
    leash::Lease<std::uint8_t>::from(transmit_storage)};

unsigned count_calls() {
  static leash::Cell<unsigned> calls;
  static Console local_console;
  local_console.write('x');
  calls.set(calls.get() + 1);
  unsigned local = calls.get();
  return local;
}
