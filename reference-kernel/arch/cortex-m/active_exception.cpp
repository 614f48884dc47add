/// Reads IPSR, the exception number of the running handler.
#include "arch/cortex-m/active_exception.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstdint>

namespace arch::cortex_m {

LEASH_UNSAFE("inline assembly: `mrs` reads a special register, nothing else")
std::uint32_t active_exception_number() {
  std::uint32_t program_status;
  asm volatile("mrs %0, ipsr" : "=r"(program_status));
  return program_status & 0x1FF;
}

} // namespace arch::cortex_m
