/// Critical sections: interrupts masked (PRIMASK) and restored afterwards.
#ifndef ARCH_CORTEX_M_CRITICAL_SECTION_H
#define ARCH_CORTEX_M_CRITICAL_SECTION_H

#include <cstdint>

namespace arch::cortex_m {

/// Whether interrupts were masked before a critical section began, to
/// restore when it ends (so that critical sections nest).
enum class InterruptMask : std::uint32_t {
  /// Interrupts were enabled (PRIMASK was 0).
  enabled = 0,
  /// Interrupts were already masked (PRIMASK was 1).
  masked = 1,
};

/// Masks every configurable-priority interrupt (`cpsid i`) and returns the
/// previous state. A pending interrupt still wakes `wfi`.
[[nodiscard]] InterruptMask disable_interrupts();

/// Restores the state that `disable_interrupts` returned.
void restore_interrupts(InterruptMask previous);

/// Masks interrupts for the lifetime of the object, then restores the state
/// it found: `{ CriticalSection section; ... }`.
class CriticalSection {
public:
  /// Masks interrupts.
  CriticalSection() : previous_(disable_interrupts()) {}
  /// Restores the state found on entry.
  ~CriticalSection() { restore_interrupts(previous_); }
  /// A critical section is a scope, not a value.
  CriticalSection(const CriticalSection &) = delete;
  CriticalSection &operator=(const CriticalSection &) = delete;

private:
  /// The state to restore.
  InterruptMask previous_;
};

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_CRITICAL_SECTION_H
