/// Switching between the kernel and processes: the switch routine, the
/// handlers that come back from a process, and the time slice.
#include "arch/cortex-m/process_switch.h"

#include "arch/cortex-m/active_exception.h"
#include "arch/cortex-m/fault.h"
#include "arch/cortex-m/fault_status.h"
#include "arch/cortex-m/interrupt_deferral.h"
#include "arch/cortex-m/target_check.h"

#include <atomic>

/// Why the last process stopped (a `SwitchReason` + 1; 0: not yet), written
/// by the handlers in assembly, read by `switch_to_process`.
extern "C" std::atomic<std::uint32_t> leash_process_stop_reason;
std::atomic<std::uint32_t> leash_process_stop_reason{0};
/// The immediate of the process's last `svc`, written by the SVC handler.
extern "C" std::atomic<std::uint32_t> leash_process_syscall_number;
std::atomic<std::uint32_t> leash_process_syscall_number{0};

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

LEASH_UNSAFE("inline assembly that swaps the kernel's and the process's "
             "callee-saved registers around `svc 0xff`; the process's "
             "registers live in `registers`, its stack in its own memory")
kernel::process::SwitchReason ProcessSwitch::switch_to_process(
    kernel::process::StoredRegisters &registers) const {
  leash_process_stop_reason.store(0);
  // r0 and r1, not registers of the compiler's choosing: r4..r11 change
  // hands inside, and the exception return to the kernel restores r0..r3
  // from the frame the `svc 0xff` pushed, so these two survive it.
  register std::uint32_t stack_pointer asm("r0") = registers.stack_pointer;
  register std::uint32_t *callee_saved asm("r1") =
      registers.callee_saved.data();
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
      : "+r"(stack_pointer), "+r"(callee_saved)
      :
      : "r2", "r3", "r12", "lr", "memory", "cc");
  registers.stack_pointer = stack_pointer;
  const std::uint32_t reason = leash_process_stop_reason.load();
  return reason == 0 ? kernel::process::SwitchReason::interrupted
                     : static_cast<kernel::process::SwitchReason>(reason - 1);
}

std::uint8_t ProcessSwitch::last_syscall_number() const {
  return static_cast<std::uint8_t>(leash_process_syscall_number.load());
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
/// registers. Called from `process_fault_handler`, in handler mode.
LEASH_INTERRUPT void leash_record_process_fault() {
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
}

} // extern "C"

extern "C" {

/// The common exit to the kernel: stores the reason (r0) + 1, drops to
/// privileged thread mode, and returns on the main stack.
LEASH_UNSAFE("inline assembly: stores the reason, clears CONTROL.nPRIV and "
             "returns through EXC_RETURN 0xFFFFFFF9 to the kernel's frame")
[[gnu::naked]] void leash_return_to_kernel() {
  asm volatile("adds r0, r0, #1\n\t"
               "ldr r1, =leash_process_stop_reason\n\t"
               "str r0, [r1]\n\t"
               "movs r0, #0\n\t"
               "msr control, r0\n\t"
               "isb\n\t"
               "mvn lr, #6\n\t" // 0xFFFFFFF9: thread mode, main stack
               "bx lr\n\t"
               ".ltorg");
}

} // extern "C"

namespace arch::cortex_m {

LEASH_UNSAFE("inline assembly: the SVC entry switches into a process or back "
             "to the kernel, as the class comment of ProcessSwitch says")
[[gnu::naked]] void supervisor_call_handler() {
  asm volatile("tst lr, #4\n\t"
               "bne 1f\n\t"
               // From the kernel's `svc 0xff`: into the process.
               "movs r0, #1\n\t"
               "msr control, r0\n\t"
               "isb\n\t"
               "mvn lr, #2\n\t" // 0xFFFFFFFD: thread mode, process stack
               "bx lr\n"
               // From a process: the `svc` immediate is the low byte of
               // the instruction before the stacked pc (the process could
               // execute it, so it is in its flash; privileged code may
               // read it).
               "1:\n\t"
               "mrs r0, psp\n\t"
               "ldr r1, [r0, #24]\n\t"
               "ldrb r1, [r1, #-2]\n\t"
               "ldr r2, =leash_process_syscall_number\n\t"
               "str r1, [r2]\n\t"
               "movs r0, %[syscall]\n\t"
               "b leash_return_to_kernel\n\t"
               ".ltorg" ::[syscall] "i"(
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
