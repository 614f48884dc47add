// RUN: %check-rule %s leash-isr-shared-access
// What an interrupt handler may do: acknowledge hardware, call helpers that
// touch no cell, call static members of components, call functions defined
// elsewhere (not followed), call through pointers (not followed). Helpers
// of helpers are not followed either. Cells used outside interrupt context
// are not reported, and the vocabulary's own implementation is clean.
#include <leash/leash.h>

#include <cstdint>

void leash::violation_hook(Violation, const char *) noexcept {}

struct Registers {
  std::uint32_t status;
  std::uint32_t clear;
};

Registers &uart_registers();
void mask_interrupt(std::uint32_t irq);
void defined_elsewhere();

class LEASH_COMPONENT Kernel {
public:
  static std::uint32_t pending_irq() { return 3; }
  void run() const { ticks_.set(ticks_.get() + 1); }

private:
  leash::Cell<std::uint32_t> ticks_;
};

const Kernel kernel;
leash::Cell<std::uint32_t> counter;
leash::TakeCell<leash::Lease<std::uint8_t>> buffer;
leash::MapCell<int> table{0};
leash::List<Kernel> nobody;

void deeper() { counter.set(1); }
void helper_of_helper() { deeper(); }
void acknowledge(Registers &registers) { registers.clear = registers.status; }

LEASH_INTERRUPT void quiet_handler() {
  acknowledge(uart_registers());
  mask_interrupt(Kernel::pending_irq());
  defined_elsewhere();
  helper_of_helper();
  void (*callback)() = deeper;
  callback();
}

LEASH_INTERRUPT LEASH_UNSAFE("the fault entry reads the stacked frame")
[[noreturn]] void fault_entry() {
  while (true) {
  }
}

int main() {
  kernel.run();
  counter.set(2);
  buffer.map([](leash::Lease<std::uint8_t> &lease) { lease[0] = 1; });
  table.map([](int &value) { ++value; });
  leash::increment(counter);
  return static_cast<int>(counter.get()) + (nobody.is_empty() ? 0 : 1);
}
