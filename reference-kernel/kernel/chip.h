/// Chip: what the kernel loop needs from the microcontroller it runs on.
#ifndef KERNEL_CHIP_H
#define KERNEL_CHIP_H

#include <leash/annotations.h>

namespace kernel {

/// Whether interrupts were masked before a critical section, to restore.
enum class InterruptMask : bool {
  /// Interrupts were enabled.
  enabled,
  /// Interrupts were already masked.
  masked,
};

/// The microcontroller as the kernel loop sees it (Tock's `Chip`): pending
/// interrupts to service, a way to mask interrupts, and a way to sleep. A
/// chip implements it once; the board hands it to `Kernel::run`.
class LEASH_COMPONENT Chip {
public:
  /// Whether an interrupt that the chip's drivers handle is waiting for its
  /// bottom half.
  [[nodiscard]] virtual bool has_pending_interrupts() const = 0;

  /// Runs the bottom half of every pending interrupt (in thread mode, where
  /// drivers may use their cells), then lets those interrupts fire again.
  virtual void service_pending_interrupts() const = 0;

  /// Masks interrupts and returns the previous state.
  [[nodiscard]] virtual InterruptMask disable_interrupts() const = 0;

  /// Restores the state `disable_interrupts` returned.
  virtual void restore_interrupts(InterruptMask previous) const = 0;

  /// Sleeps until an interrupt is pending. Called with interrupts masked, so
  /// that an interrupt arriving between the caller's last check for work and
  /// the sleep still wakes it.
  virtual void sleep() const = 0;

protected:
  /// Chips are never destroyed through this interface.
  ~Chip() = default;
};

} // namespace kernel

#endif // KERNEL_CHIP_H
