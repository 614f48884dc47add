/// Reports an unhandled exception, then ends the run with a failing status.
#include "arch/cortex-m/fault.h"

#include "arch/cortex-m/active_exception.h"
#include "arch/cortex-m/fault_status.h"
#include "arch/cortex-m/semihosting.h"
#include "arch/cortex-m/target_check.h"
#include "arch/cortex-m/vector_table.h"
#include "kernel/debug.h"
#include "kernel/number_text.h"

#include <leash/annotations.h>

#include <cstdint>
#include <string_view>

extern "C" {
/// The reporting half of the handler, called by the entry stub with the
/// stacked frame and the EXC_RETURN value. C linkage so that the stub's
/// assembly can name it; `used`, so that link-time optimisation keeps it
/// although no C++ code calls it.
[[noreturn, gnu::used]] void
leash_report_unhandled_exception(const arch::cortex_m::ExceptionFrame *frame,
                                 std::uint32_t exception_return);
}

namespace arch::cortex_m {

std::string_view exception_name(std::uint32_t exception_number) {
  switch (exception_number) {
  case 2:
    return "NMI";
  case 3:
    return "HardFault";
  case 4:
    return "MemManage";
  case 5:
    return "BusFault";
  case 6:
    return "UsageFault";
  case 11:
    return "SVCall";
  case 12:
    return "DebugMonitor";
  case 14:
    return "PendSV";
  case 15:
    return "SysTick";
  default:
    return exception_number >= first_external_interrupt ? "interrupt"
                                                        : "reserved";
  }
}

namespace {

/// Writes " NAME=0x........" for one register.
void write_register(std::string_view name, std::uint32_t value) {
  semihosting::write(" ");
  semihosting::write(name);
  semihosting::write("=");
  semihosting::write(kernel::hexadecimal(value).view());
}

/// Writes " [NAME NAME ...]" for the named bits set in a status register
/// (nothing if none is set).
void write_flags(std::uint32_t value,
                 std::string_view (*bit_name)(unsigned bit)) {
  bool first = true;
  for (unsigned bit = 0; bit < 32; ++bit) {
    const std::string_view name = bit_name(bit);
    if ((value & (1U << bit)) == 0 || name.empty()) {
      continue;
    }
    semihosting::write(first ? " [" : " ");
    semihosting::write(name);
    first = false;
  }
  if (!first) {
    semihosting::write("]");
  }
}

/// Writes the exception's number and name.
void write_exception(std::uint32_t exception_number) {
  semihosting::write("\nleash: unhandled exception ");
  semihosting::write(kernel::decimal(exception_number).view());
  semihosting::write(" (");
  semihosting::write(exception_name(exception_number));
  if (exception_number >= first_external_interrupt) {
    semihosting::write(" ");
    semihosting::write(
        kernel::decimal(exception_number - first_external_interrupt).view());
  }
  semihosting::write(")\n");
}

/// Writes the fault status registers, decoded, and the fault addresses that
/// the core marked valid.
void write_fault_status(const FaultStatus &status) {
  semihosting::write("leash: fault status:");
  write_register("CFSR", status.configurable_fault_status);
  write_flags(status.configurable_fault_status,
              configurable_fault_status_bit_name);
  write_register("HFSR", status.hard_fault_status);
  write_flags(status.hard_fault_status, hard_fault_status_bit_name);
  semihosting::write("\n");
  if (status.has_memory_management_fault_address()) {
    semihosting::write("leash: faulting address:");
    write_register("MMFAR", status.memory_management_fault_address);
    semihosting::write("\n");
  }
  if (status.has_bus_fault_address()) {
    semihosting::write("leash: faulting address:");
    write_register("BFAR", status.bus_fault_address);
    semihosting::write("\n");
  }
}

/// Writes the registers the core stacked for the interrupted code.
void write_frame(const ExceptionFrame &frame, std::uint32_t exception_return) {
  semihosting::write("leash: stacked registers:");
  write_register("pc", frame.program_counter);
  write_register("lr", frame.link_register);
  write_register("xpsr", frame.program_status);
  write_register("r0", frame.r0);
  write_register("r1", frame.r1);
  write_register("r2", frame.r2);
  write_register("r3", frame.r3);
  write_register("r12", frame.r12);
  write_register("exc_return", exception_return);
  semihosting::write("\n");
}

} // namespace

/// Reports the exception and ends the run.
[[noreturn]] void report_unhandled_exception(const ExceptionFrame &frame,
                                             std::uint32_t exception_return) {
  const std::uint32_t exception_number = active_exception_number();
  // The debug output queued before the fault would be lost with the run:
  // out it goes first, by polling, so the report follows what led to it.
  kernel::debug::print_at_end("");
  write_exception(exception_number);
  write_fault_status(read_fault_status());
  write_frame(frame, exception_return);
  semihosting::exit(unhandled_exception_exit_status_base +
                    static_cast<int>(exception_number));
}

// The entry stub: EXC_RETURN (in lr) bit 2 says which stack the core pushed
// the frame on; the stub passes that stack pointer and EXC_RETURN on, and
// never returns. Naked, because a prologue would move the stack pointer.
LEASH_UNSAFE("inline assembly that only reads lr and a stack pointer and "
             "branches to the reporter; the reporter never returns")
[[gnu::naked]] void unhandled_exception_handler() {
  asm volatile("tst lr, #4\n\t"
               "ite eq\n\t"
               "mrseq r0, msp\n\t"
               "mrsne r0, psp\n\t"
               "mov r1, lr\n\t"
               "b leash_report_unhandled_exception");
}

} // namespace arch::cortex_m

void leash_report_unhandled_exception(
    const arch::cortex_m::ExceptionFrame *frame,
    std::uint32_t exception_return) {
  arch::cortex_m::report_unhandled_exception(*frame, exception_return);
}
