/// The generic top half: mask the active interrupt and leave it pending.
#include "arch/cortex-m/interrupt_deferral.h"

#include "arch/cortex-m/active_exception.h"
#include "arch/cortex-m/nvic.h"
#include "arch/cortex-m/target_check.h"
#include "arch/cortex-m/vector_table.h"

#include <cstdint>

namespace arch::cortex_m {

void defer_interrupt_to_kernel() {
  const std::uint32_t exception_number = active_exception_number();
  if (exception_number < first_external_interrupt) {
    return; // Not an external interrupt: nothing to mask.
  }
  const nvic::InterruptNumber irq = exception_number - first_external_interrupt;
  nvic::disable(irq);
  nvic::set_pending(irq);
}

} // namespace arch::cortex_m
