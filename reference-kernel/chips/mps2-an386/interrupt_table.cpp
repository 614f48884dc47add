/// The chip's part of the vector table: one handler per external IRQ.
#include "arch/cortex-m/fault.h"
#include "arch/cortex-m/vector_table.h"
#include "chips/mps2-an386/memory_map.h"

#include <array>

namespace chips::mps2_an386 {
namespace {

/// The handlers for IRQ 0 to 31, placed right after the arch layer's core
/// vectors by the linker script. No driver uses interrupts yet, so each one
/// reports itself as unhandled and ends the run.
[[gnu::used, gnu::section(".vectors.interrupts")]] constinit const std::array<
    arch::cortex_m::InterruptHandler, external_interrupt_count>
    interrupt_vectors = [] {
      std::array<arch::cortex_m::InterruptHandler, external_interrupt_count>
          vectors{};
      vectors.fill(arch::cortex_m::unhandled_exception_handler);
      return vectors;
    }();

} // namespace
} // namespace chips::mps2_an386
