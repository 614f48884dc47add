/// Masks and restores interrupts with PRIMASK.
#include "arch/cortex-m/critical_section.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstdint>

namespace arch::cortex_m {

LEASH_UNSAFE("inline assembly: reads PRIMASK and sets it; the `memory` "
             "clobber keeps memory accesses from moving out of the section")
InterruptMask disable_interrupts() {
  std::uint32_t primask;
  asm volatile("mrs %0, primask\n\t"
               "cpsid i"
               : "=r"(primask)
               :
               : "memory");
  return (primask & 1U) != 0 ? InterruptMask::masked : InterruptMask::enabled;
}

LEASH_UNSAFE("inline assembly: clears PRIMASK only if it was clear before "
             "the matching disable; the `memory` clobber keeps memory "
             "accesses from moving out of the section")
void restore_interrupts(InterruptMask previous) {
  if (previous == InterruptMask::enabled) {
    asm volatile("cpsie i" : : : "memory");
  }
}

} // namespace arch::cortex_m
