/// Turns on the core's separate fault exceptions (SHCSR) and traps (CCR),
/// and drops a pending SVCall (SHCSR).
#ifndef ARCH_CORTEX_M_SYSTEM_CONTROL_H
#define ARCH_CORTEX_M_SYSTEM_CONTROL_H

namespace arch::cortex_m {

/// Enables the MemManage, BusFault and UsageFault exceptions, so that each
/// fault is reported under its own name instead of escalating to a HardFault,
/// and makes integer division by zero fault instead of yielding zero. The
/// reset handler calls it before `main`.
void enable_fault_exceptions();

/// Drops a pending SVCall. A process whose `svc` faults while the core
/// stacks its frame (its stack pointer outside its memory) leaves the call
/// pending behind the MemManage fault; taken later, in the kernel's thread
/// mode, it would look like the kernel's own `svc 0xff` and enter the dead
/// process. The process fault handler calls it.
void discard_pending_supervisor_call();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_SYSTEM_CONTROL_H
