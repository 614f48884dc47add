/// Switching between the kernel and processes: the switch routine, the
/// handlers that come back from a process, and the time slice.
#include "arch/cortex-m/process_switch.h"

#include "arch/cortex-m/active_exception.h"
#include "arch/cortex-m/fault.h"
#include "arch/cortex-m/fault_status.h"
#include "arch/cortex-m/interrupt_deferral.h"
#include "arch/cortex-m/system_control.h"
#include "arch/cortex-m/target_check.h"

#include <atomic>
#include <cstddef>

namespace arch::cortex_m {
namespace {

/// What the fault handler saw: the exception, CFSR, and the address (with
/// bit 0 of `fault_address_valid`).
std::atomic<std::uint32_t> fault_exception{0};
/// See `fault_exception`.
std::atomic<std::uint32_t> fault_status{0};
/// See `fault_exception`.
std::atomic<std::uint32_t> fault_address{0};
/// See `fault_exception`.
std::atomic<std::uint32_t> fault_address_valid{0};

} // namespace

void ProcessSwitch::start_timeslice(std::uint32_t microseconds) const {
  const std::uint32_t cycles = microseconds * cycles_per_microsecond_;
  system_tick_.start_countdown(cycles < SystemTick::maximum_reload
                                   ? cycles
                                   : SystemTick::maximum_reload);
}

void ProcessSwitch::stop_timeslice() const { system_tick_.stop(); }

// The SVC handler stores r0..r3 and the immediate with one `stmia` into the
// entry, in this order.
static_assert(offsetof(kernel::process::SyscallEntry, arguments) == 0 &&
              offsetof(kernel::process::SyscallEntry, number) == 16);

LEASH_UNSAFE("inline assembly that swaps the kernel's and the process's "
             "callee-saved registers around `svc 0xff`; the process's "
             "registers live in `registers`, its stack in its own memory, "
             "and the handlers write `syscall` and the reason through the "
             "kernel's frame")
kernel::process::SwitchReason
ProcessSwitch::switch_to_process(kernel::process::StoredRegisters &registers,
                                 kernel::process::SyscallEntry &syscall) const {
  // Fixed registers, not the compiler's choice: they are the r0..r3 that
  // the `svc 0xff` pushes on the main stack and the exception return to
  // the kernel pops. r1 survives to save the process's r4..r11; the
  // handlers find the entry's address in the stacked r2 and leave the
  // reason in the stacked r3 (see `supervisor_call_handler` and
  // `leash_return_to_kernel`).
  register std::uint32_t stack_pointer asm("r0") = registers.stack_pointer;
  register std::uint32_t *callee_saved asm("r1") =
      registers.callee_saved.data();
  register kernel::process::SyscallEntry *entry asm("r2") = &syscall;
  register std::uint32_t reason asm("r3");
  asm volatile(
      // The kernel's r4..r11 (r7, the frame pointer, too).
      "push {r4-r11}\n\t"
      "msr psp, r0\n\t"
      "ldmia r1, {r4-r11}\n\t"
      "svc 0xff\n\t"
      // Back from the process: r1 is the kernel's again.
      "stmia r1, {r4-r11}\n\t"
      "mrs r0, psp\n\t"
      "pop {r4-r11}\n\t"
      : "+r"(stack_pointer), "+r"(callee_saved), "+r"(entry), "=r"(reason)
      :
      : "r12", "lr", "memory", "cc");
  registers.stack_pointer = stack_pointer;
  return static_cast<kernel::process::SwitchReason>(reason);
}

kernel::process::FaultRecord ProcessSwitch::last_fault() const {
  kernel::process::FaultRecord record{
      .exception = static_cast<std::uint8_t>(fault_exception.load()),
      .fault_status = fault_status.load(),
      .address = std::nullopt,
      .name = exception_name(fault_exception.load())};
  if (fault_address_valid.load() != 0) {
    record.address = fault_address.load();
  }
  return record;
}

} // namespace arch::cortex_m

// The handlers, in assembly: they decide by EXC_RETURN bit 2 (1: the frame
// is on PSP, a process was running) and leave through
// `leash_return_to_kernel` with the reason code in r0.

extern "C" {

/// Records a process's fault for `last_fault` and clears the status
/// registers. Called from `process_fault_handler`, in handler mode (`used`:
/// only assembly calls it, which link-time optimisation does not see).
[[gnu::used]] LEASH_INTERRUPT void leash_record_process_fault() {
  const arch::cortex_m::FaultStatus status =
      arch::cortex_m::read_fault_status();
  arch::cortex_m::fault_exception.store(
      arch::cortex_m::active_exception_number());
  arch::cortex_m::fault_status.store(status.configurable_fault_status);
  if (status.has_memory_management_fault_address()) {
    arch::cortex_m::fault_address.store(status.memory_management_fault_address);
    arch::cortex_m::fault_address_valid.store(1);
  } else if (status.has_bus_fault_address()) {
    arch::cortex_m::fault_address.store(status.bus_fault_address);
    arch::cortex_m::fault_address_valid.store(1);
  } else {
    arch::cortex_m::fault_address_valid.store(0);
  }
  arch::cortex_m::clear_fault_status();
  // The call of an `svc` whose frame could not be stacked stays pending; it
  // must die with the process, not reach the kernel.
  arch::cortex_m::discard_pending_supervisor_call();
}

} // extern "C"

extern "C" {

/// The common exit to the kernel: puts the reason (r0) into the r3 of the
/// kernel's frame (at the main stack pointer: a process's exceptions stack
/// on its own stack), drops to privileged thread mode, and returns on the
/// main stack, where `switch_to_process` finds the reason in r3.
LEASH_UNSAFE("inline assembly: writes the reason into the kernel's frame, "
             "clears CONTROL.nPRIV and returns through EXC_RETURN 0xFFFFFFF9 "
             "to that frame")
[[gnu::naked]] void leash_return_to_kernel() {
  // No `isb` after the CONTROL write: handler mode is privileged whatever
  // nPRIV says, and the exception return synchronises the context.
  asm volatile("mrs r1, msp\n\t"
               "str r0, [r1, #12]\n\t"
               "movs r0, #0\n\t"
               "msr control, r0\n\t"
               "mvn lr, #6\n\t" // 0xFFFFFFF9: thread mode, main stack
               "bx lr");
}

} // extern "C"

namespace arch::cortex_m {

LEASH_UNSAFE("inline assembly: the SVC entry switches into a process or back "
             "to the kernel, as the class comment of ProcessSwitch says")
[[gnu::naked]] void supervisor_call_handler() {
  asm volatile("tst lr, #4\n\t"
               "bne 1f\n\t"
               // From the kernel's `svc 0xff`: into the process.
               // (No `isb`: see `leash_return_to_kernel`.)
               "movs r0, #1\n\t"
               "msr control, r0\n\t"
               "mvn lr, #2\n\t" // 0xFFFFFFFD: thread mode, process stack
               "bx lr\n"
               // From a process: the `svc` immediate is the low byte of
               // the instruction before the stacked pc (the process could
               // execute it, so it is in its flash; privileged code may
               // read it). r0..r3 are read from the frame, not taken from
               // the registers: a handler that ran before this one (late
               // arrival, tail chaining) may have changed the registers,
               // never the frame, which the hardware just pushed with the
               // process's own permissions. They go, with the immediate,
               // into the entry whose address `switch_to_process` left in
               // the r2 of the kernel's frame, at the main stack pointer.
               // lr is free: the way back sets it.
               "1:\n\t"
               "mrs r0, psp\n\t"
               "ldr r1, [r0, #24]\n\t"
               "ldrb r12, [r1, #-2]\n\t"
               "ldmia r0, {r0-r3}\n\t"
               "mrs lr, msp\n\t"
               "ldr lr, [lr, #8]\n\t"
               "stmia lr, {r0-r3, r12}\n\t"
               "movs r0, %[syscall]\n\t"
               "b leash_return_to_kernel" ::[syscall] "i"(
                   static_cast<int>(kernel::process::SwitchReason::syscall)));
}

LEASH_UNSAFE("inline assembly: a slice that ends in a process returns to "
             "the kernel; in the kernel, SysTick is not a slice and is "
             "ignored")
[[gnu::naked]] void system_tick_handler() {
  asm volatile("tst lr, #4\n\t"
               "it eq\n\t"
               "bxeq lr\n\t"
               "movs r0, %[expired]\n\t"
               "b leash_return_to_kernel" ::[expired] "i"(static_cast<int>(
                   kernel::process::SwitchReason::timeslice_expired)));
}

LEASH_UNSAFE("inline assembly: a process's fault is recorded and returns to "
             "the kernel; the kernel's own goes to the report that ends the "
             "run")
[[gnu::naked]] void process_fault_handler() {
  asm volatile(
      "tst lr, #4\n\t"
      "it eq\n\t"
      "beq.w %c[report]\n\t"
      "bl leash_record_process_fault\n\t"
      "movs r0, %[fault]\n\t"
      "b leash_return_to_kernel" ::[report] "i"(unhandled_exception_handler),
      [fault] "i"(static_cast<int>(kernel::process::SwitchReason::fault)));
}

LEASH_UNSAFE("inline assembly: the top half runs as before; if it "
             "interrupted a process, the kernel gets the processor back")
[[gnu::naked]] void external_interrupt_handler() {
  asm volatile(
      "push {r0, lr}\n\t"
      "bl %c[top_half]\n\t"
      "pop {r0, lr}\n\t"
      "tst lr, #4\n\t"
      "it eq\n\t"
      "bxeq lr\n\t"
      "movs r0, %[interrupted]\n\t"
      "b leash_return_to_kernel" ::[top_half] "i"(defer_interrupt_to_kernel),
      [interrupted] "i"(
          static_cast<int>(kernel::process::SwitchReason::interrupted)));
}

} // namespace arch::cortex_m
