/// Turns on the core's separate fault exceptions (SHCSR) and traps (CCR).
#ifndef ARCH_CORTEX_M_SYSTEM_CONTROL_H
#define ARCH_CORTEX_M_SYSTEM_CONTROL_H

namespace arch::cortex_m {

/// Enables the MemManage, BusFault and UsageFault exceptions, so that each
/// fault is reported under its own name instead of escalating to a HardFault,
/// and makes integer division by zero fault instead of yielding zero. The
/// reset handler calls it before `main`.
void enable_fault_exceptions();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_SYSTEM_CONTROL_H
