/// Sleeping until the next interrupt (`wfi`).
#ifndef ARCH_CORTEX_M_SLEEP_H
#define ARCH_CORTEX_M_SLEEP_H

namespace arch::cortex_m {

/// Sleeps until an interrupt is pending (`wfi`). Called with interrupts
/// masked, it still wakes on a pending interrupt, which is then taken when
/// the caller unmasks: checking for work and sleeping inside one critical
/// section therefore loses no wake-up.
void wait_for_interrupt();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_SLEEP_H
