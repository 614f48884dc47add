/// Reports an unhandled exception, then ends the run with a failing status.
#include "arch/cortex-m/fault.h"

#include "arch/cortex-m/fault_status.h"
#include "arch/cortex-m/semihosting.h"
#include "arch/cortex-m/target_check.h"
#include "arch/cortex-m/vector_table.h"

#include <leash/annotations.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arch::cortex_m {
namespace {

/// The number of the exception being handled, from the IPSR register.
LEASH_UNSAFE("inline assembly: `mrs` reads a special register, nothing else")
std::uint32_t active_exception_number() {
  std::uint32_t program_status;
  asm volatile("mrs %0, ipsr" : "=r"(program_status));
  return program_status & 0x1FF;
}

/// The architectural name of a system exception, or "interrupt" for an
/// external interrupt.
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

/// Writes `value` in decimal.
void write_decimal(std::uint32_t value) {
  std::array<char, 10> digits{};
  std::size_t first = digits.size();
  do {
    --first;
    digits[first] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  std::string_view text(digits.data(), digits.size());
  text.remove_prefix(first);
  semihosting::write(text);
}

/// Writes `value` as "0x" and eight hexadecimal digits.
void write_hexadecimal(std::uint32_t value) {
  constexpr std::string_view hexadecimal_digits = "0123456789abcdef";
  std::array<char, 10> text{'0', 'x'};
  for (std::size_t index = text.size(); index > 2; --index) {
    text[index - 1] = hexadecimal_digits[value & 0xF];
    value >>= 4;
  }
  semihosting::write(std::string_view(text.data(), text.size()));
}

/// Writes " NAME=0x........" for one register.
void write_register(std::string_view name, std::uint32_t value) {
  semihosting::write(" ");
  semihosting::write(name);
  semihosting::write("=");
  write_hexadecimal(value);
}

} // namespace

void unhandled_exception_handler() {
  const std::uint32_t exception_number = active_exception_number();
  const FaultStatus status = read_fault_status();

  semihosting::write("\nleash: unhandled exception ");
  write_decimal(exception_number);
  semihosting::write(" (");
  semihosting::write(exception_name(exception_number));
  if (exception_number >= first_external_interrupt) {
    semihosting::write(" ");
    write_decimal(exception_number - first_external_interrupt);
  }
  semihosting::write("):");
  write_register("CFSR", status.configurable_fault_status);
  write_register("HFSR", status.hard_fault_status);
  if (status.has_memory_management_fault_address()) {
    write_register("MMFAR", status.memory_management_fault_address);
  }
  if (status.has_bus_fault_address()) {
    write_register("BFAR", status.bus_fault_address);
  }
  semihosting::write("\n");
  semihosting::exit(unhandled_exception_exit_status_base +
                    static_cast<int>(exception_number));
}

} // namespace arch::cortex_m
