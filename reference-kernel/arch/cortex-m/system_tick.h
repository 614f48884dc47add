/// SysTick: the core's 24-bit down-counter.
#ifndef ARCH_CORTEX_M_SYSTEM_TICK_H
#define ARCH_CORTEX_M_SYSTEM_TICK_H

#include "libraries/registers/registers.h"

#include <leash/annotations.h>

#include <cstdint>

namespace arch::cortex_m {

/// The fields of SYST_CSR, SysTick's control and status register.
struct SystemTickControl {
  /// A field of SYST_CSR.
  using Field = registers::Field<std::uint32_t, SystemTickControl>;
  /// ENABLE: the counter runs.
  static constexpr Field enable{0, 1};
  /// TICKINT: reaching zero raises the SysTick exception.
  static constexpr Field tick_interrupt{1, 1};
  /// CLKSOURCE: 1 counts the processor clock, 0 the reference clock.
  static constexpr Field processor_clock{2, 1};
  /// COUNTFLAG: the counter reached zero since this register was last read.
  static constexpr Field counted_to_zero{16, 1};
};

/// SysTick's registers (ARMv7-M Architecture Reference Manual, B3.3.2), from
/// 0xE000E010.
struct SystemTickRegisters {
  /// 0xE000E010 SYST_CSR: control and status.
  registers::ReadWrite<std::uint32_t, SystemTickControl> control_status;
  /// 0xE000E014 SYST_RVR: the value loaded when the counter wraps (24 bits).
  registers::ReadWrite<std::uint32_t> reload_value;
  /// 0xE000E018 SYST_CVR: the current count; any write clears it to zero.
  registers::ReadWrite<std::uint32_t> current_value;
  /// 0xE000E01C SYST_CALIB: the implementation's calibration value.
  registers::ReadOnly<std::uint32_t> calibration;
};

/// The SysTick timer, counting the processor clock down from a reload value
/// and wrapping. The scheduler will use it for time slices; today it serves
/// as a cycle-level stopwatch.
class LEASH_COMPONENT SystemTick {
public:
  /// The largest count SysTick can hold (24 bits).
  static constexpr std::uint32_t maximum_reload = 0x00FF'FFFF;

  /// A driver for the SysTick block `registers` (see `system_tick_registers`).
  explicit SystemTick(SystemTickRegisters &registers) : registers_(registers) {}

  /// Starts counting down from `reload` (at most `maximum_reload`) on the
  /// processor clock, wrapping to `reload` after zero, without interrupts.
  void start_free_running(std::uint32_t reload) const;

  /// Counts down from `reload` once more each time, raising the SysTick
  /// exception at each zero: a process's time slice.
  void start_countdown(std::uint32_t reload) const;
  /// Stops the counter.
  void stop() const;

  /// The current count.
  [[nodiscard]] std::uint32_t current_value() const;

  /// Whether the counter reached zero since the last call (reading clears
  /// the hardware's flag).
  [[nodiscard]] bool counted_to_zero_since_last_call() const;

private:
  /// SysTick's registers, owned by this driver.
  SystemTickRegisters &registers_;
};

/// SysTick's register block. Unsafe: the caller makes sure only one driver
/// owns it.
LEASH_UNSAFE_API SystemTickRegisters &system_tick_registers();

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_SYSTEM_TICK_H
