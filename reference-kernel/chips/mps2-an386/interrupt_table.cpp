/// The chip's part of the vector table: one handler per external IRQ.
#include "arch/cortex-m/fault.h"
#include "arch/cortex-m/process_switch.h"
#include "arch/cortex-m/vector_table.h"
#include "chips/mps2-an386/memory_map.h"
#include "chips/mps2-an386/serviced_interrupts.h"

#include <array>
#include <cstddef>

namespace chips::mps2_an386 {
namespace {

/// The handlers for IRQ 0 to 31, placed right after the arch layer's core
/// vectors by the linker script. A serviced interrupt goes to the deferring
/// top half (its driver's bottom half runs in the kernel loop); any other
/// one is a bug that is reported and ends the run.
[[gnu::used, gnu::section(".vectors.interrupts")]] constinit const std::array<
    arch::cortex_m::InterruptHandler, external_interrupt_count>
    interrupt_vectors = [] {
      std::array<arch::cortex_m::InterruptHandler, external_interrupt_count>
          vectors{};
      for (std::size_t irq = 0; irq < vectors.size(); ++irq) {
        vectors[irq] = (serviced_interrupts & (1U << irq)) != 0
                           ? arch::cortex_m::external_interrupt_handler
                           : arch::cortex_m::unhandled_exception_handler;
      }
      return vectors;
    }();

} // namespace
} // namespace chips::mps2_an386
