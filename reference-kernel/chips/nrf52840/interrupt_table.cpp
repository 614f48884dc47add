/// The nRF52840's part of the vector table: one handler per external IRQ.
#include "arch/cortex-m/fault.h"
#include "arch/cortex-m/process_switch.h"
#include "arch/cortex-m/vector_table.h"
#include "chips/nrf52840/memory_map.h"
#include "chips/nrf52840/serviced_interrupts.h"

#include <array>
#include <cstddef>
#include <cstdint>

namespace chips::nrf52840 {
namespace {

/// The handlers for IRQ 0 to 47, placed right after the arch layer's core
/// vectors by a board's linker script. A serviced interrupt goes to the
/// deferring top half, which only masks it in the NVIC and leaves it
/// pending: the UARTE's and the USBD's events stay set (their lines are
/// level-triggered) until the driver's bottom half clears them from the
/// kernel loop. Any other
/// interrupt is a bug that is reported and ends the run.
[[gnu::used, gnu::section(".vectors.interrupts")]] constinit const std::array<
    arch::cortex_m::InterruptHandler, external_interrupt_count>
    interrupt_vectors = [] {
      std::array<arch::cortex_m::InterruptHandler, external_interrupt_count>
          vectors{};
      for (std::size_t irq = 0; irq < vectors.size(); ++irq) {
        vectors[irq] = (serviced_interrupts & (std::uint64_t{1} << irq)) != 0
                           ? arch::cortex_m::external_interrupt_handler
                           : arch::cortex_m::unhandled_exception_handler;
      }
      return vectors;
    }();

} // namespace
} // namespace chips::nrf52840
