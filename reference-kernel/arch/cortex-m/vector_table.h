/// The Cortex-M vector table: handler type and the first sixteen words.
#ifndef ARCH_CORTEX_M_VECTOR_TABLE_H
#define ARCH_CORTEX_M_VECTOR_TABLE_H

// The table lives at address 0 (VTOR's reset value) in two parts that the
// linker script puts back to back: the core part defined by the arch layer
// (section .vectors.core) and the chip's external interrupts (section
// .vectors.interrupts), which only the chip can size.

namespace arch::cortex_m {

/// An exception or interrupt handler. The hardware saves the caller-saved
/// registers on entry, so any plain function can be a handler.
using InterruptHandler = void (*)();

/// The sixteen words every ARMv7-M vector table starts with (ARMv7-M
/// Architecture Reference Manual, B1.5.3), in address order.
struct CoreVectorTable {
  /// Word 0: the main stack pointer that the core loads at reset.
  const void *initial_stack_pointer;
  /// Exception 1: where execution starts after reset.
  InterruptHandler reset;
  /// Exception 2: the non-maskable interrupt.
  InterruptHandler non_maskable_interrupt;
  /// Exception 3: a fault that no other handler may take.
  InterruptHandler hard_fault;
  /// Exception 4: an access the MPU refused.
  InterruptHandler memory_management_fault;
  /// Exception 5: a bus error.
  InterruptHandler bus_fault;
  /// Exception 6: an undefined instruction, an unaligned access, and the like.
  InterruptHandler usage_fault;
  /// Exceptions 7 to 10: reserved.
  InterruptHandler reserved_7_to_10[4];
  /// Exception 11: the `svc` instruction (system calls).
  InterruptHandler supervisor_call;
  /// Exception 12: the debug monitor.
  InterruptHandler debug_monitor;
  /// Exception 13: reserved.
  InterruptHandler reserved_13;
  /// Exception 14: the pendable service call (context switches).
  InterruptHandler pendable_service;
  /// Exception 15: the SysTick timer.
  InterruptHandler system_tick;
};

static_assert(sizeof(CoreVectorTable) == 16 * 4,
              "the core vector table is sixteen words");

/// The number of the first external interrupt in exception numbering (IRQ 0).
inline constexpr unsigned first_external_interrupt = 16;

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_VECTOR_TABLE_H
