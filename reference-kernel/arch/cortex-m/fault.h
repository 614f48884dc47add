/// The handler for exceptions and interrupts that nothing else handles.
#ifndef ARCH_CORTEX_M_FAULT_H
#define ARCH_CORTEX_M_FAULT_H

#include <leash/annotations.h>

#include <cstdint>
#include <string_view>

namespace arch::cortex_m {

/// The exit status of a run that ended in an unhandled exception is this
/// value plus the exception number (a HardFault ends the run with 131, a
/// BusFault with 133), like a shell reporting a process killed by a signal.
inline constexpr int unhandled_exception_exit_status_base = 128;

/// The registers the core pushed on exception entry, in stack order
/// (ARMv7-M Architecture Reference Manual, B1.5.6).
struct ExceptionFrame {
  /// r0 to r3: the arguments or scratch registers of the interrupted code.
  std::uint32_t r0, r1, r2, r3;
  /// r12: the intra-procedure scratch register.
  std::uint32_t r12;
  /// lr: the interrupted code's return address.
  std::uint32_t link_register;
  /// pc: the faulting instruction (for a precise fault) or the next one.
  std::uint32_t program_counter;
  /// xPSR: the interrupted code's program status.
  std::uint32_t program_status;
};

/// The architectural name of exception `exception_number` ("MemManage"),
/// "interrupt" for an external interrupt, "reserved" for the rest.
[[nodiscard]] std::string_view exception_name(std::uint32_t exception_number);

/// The handler for every exception nothing else claims: finds the frame the
/// core pushed (on the main or the process stack) and reports it, with the
/// exception's number and name and the fault status and address registers,
/// on the semihosting console; then ends the run with status
/// `unhandled_exception_exit_status_base` + the exception number. A fault in
/// a test run therefore fails the test at once, with a diagnosis.
LEASH_INTERRUPT [[noreturn]] void unhandled_exception_handler();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_FAULT_H
