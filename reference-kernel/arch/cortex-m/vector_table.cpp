/// The core part of the vector table: stack, reset, system exceptions.
#include "arch/cortex-m/vector_table.h"

#include "arch/cortex-m/fault.h"
#include "arch/cortex-m/process_switch.h"
#include "arch/cortex-m/reset.h"
#include "arch/cortex-m/target_check.h"

extern "C" {
/// The top of the main stack, placed by the linker script (8-byte aligned,
/// as the procedure call standard requires). Only its address means anything.
extern const unsigned char leash_stack_top[];
}

namespace arch::cortex_m {
namespace {

// The process switch claims SVCall and SysTick, and the faults: a process's
// fault returns to the kernel, the kernel's own still goes to the report of
// the unhandled-exception handler, as does every other system exception
// (nothing in the kernel expects one, so any that fires is a bug to report,
// not to wait on).
[[gnu::used,
  gnu::section(
      ".vectors.core")]] constinit const CoreVectorTable core_vector_table = {
    .initial_stack_pointer = leash_stack_top,
    .reset = leash_reset_handler,
    .non_maskable_interrupt = unhandled_exception_handler,
    .hard_fault = process_fault_handler,
    .memory_management_fault = process_fault_handler,
    .bus_fault = process_fault_handler,
    .usage_fault = process_fault_handler,
    .reserved_7_to_10 = {nullptr, nullptr, nullptr, nullptr},
    .supervisor_call = supervisor_call_handler,
    .debug_monitor = unhandled_exception_handler,
    .reserved_13 = nullptr,
    .pendable_service = unhandled_exception_handler,
    .system_tick = system_tick_handler,
};

} // namespace
} // namespace arch::cortex_m
