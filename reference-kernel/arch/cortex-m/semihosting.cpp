/// ARM semihosting calls: SYS_WRITEC and SYS_EXIT_EXTENDED.
#include "arch/cortex-m/semihosting.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace arch::cortex_m::semihosting {
namespace {

/// Semihosting operation numbers (ARM "Semihosting for AArch32 and AArch64").
enum class Operation : std::uint32_t {
  /// Write the character that r1 points to.
  write_character = 0x03,
  /// Exit with the reason and status in the two-word block that r1 points to.
  exit_extended = 0x20,
};

/// The exit reason that means "the application finished"
/// (ADP_Stopped_ApplicationExit).
constexpr std::uint32_t application_exit_reason = 0x20026;

/// Performs one semihosting call: r0 holds the operation, r1 its argument
/// block, and the host's answer comes back in r0.
LEASH_UNSAFE("inline assembly; the `memory` clobber makes the block that "
             "`argument` points to visible to the host before the trap")
std::uint32_t call(Operation operation, const void *argument) {
  const auto operation_number = static_cast<std::uint32_t>(operation);
  std::uint32_t result;
  asm volatile("mov r0, %[operation]\n\t"
               "mov r1, %[argument]\n\t"
               "bkpt 0xab\n\t"
               "mov %[result], r0"
               : [result] "=r"(result)
               : [operation] "r"(operation_number), [argument] "r"(argument)
               : "r0", "r1", "memory");
  return result;
}

/// Stops the core for good. Reached only when no host answered an exit call.
LEASH_UNSAFE("inline assembly: `wfi` only waits, it touches no memory")
[[noreturn]] void halt() {
  for (;;) {
    asm volatile("wfi");
  }
}

} // namespace

void write(std::string_view text) {
  for (std::size_t index = 0; index < text.size(); ++index) {
    const char character = text[index];
    call(Operation::write_character, &character);
  }
}

void exit(int status) {
  const std::uint32_t block[2] = {application_exit_reason,
                                  static_cast<std::uint32_t>(status)};
  call(Operation::exit_extended, block);
  halt();
}

} // namespace arch::cortex_m::semihosting
