/// The handler for exceptions and interrupts that nothing else handles.
#ifndef ARCH_CORTEX_M_FAULT_H
#define ARCH_CORTEX_M_FAULT_H

#include <leash/annotations.h>

namespace arch::cortex_m {

/// The exit status of a run that ended in an unhandled exception is this
/// value plus the exception number (HardFault ends the run with 131), like a
/// shell reporting a process killed by a signal.
inline constexpr int unhandled_exception_exit_status_base = 128;

/// Reports the active exception (its number and name, and the fault status
/// registers) on the semihosting console, then ends the run with status
/// `unhandled_exception_exit_status_base` + the exception number. A fault in
/// a test run therefore fails the test at once instead of hanging it.
LEASH_INTERRUPT [[noreturn]] void unhandled_exception_handler();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_FAULT_H
