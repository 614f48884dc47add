/// `wfi`: the core's low-power wait for an interrupt.
#include "arch/cortex-m/sleep.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

namespace arch::cortex_m {

LEASH_UNSAFE("inline assembly: `wfi` only waits; the `memory` clobber keeps "
             "the compiler from caching memory across the sleep, during "
             "which interrupt handlers may run")
void wait_for_interrupt() { asm volatile("wfi" : : : "memory"); }

} // namespace arch::cortex_m
