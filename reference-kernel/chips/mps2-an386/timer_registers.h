/// The CMSDK APB timer's register block and fields.
#ifndef CHIPS_MPS2_AN386_TIMER_REGISTERS_H
#define CHIPS_MPS2_AN386_TIMER_REGISTERS_H

#include "libraries/registers/registers.h"

#include <cstddef>
#include <cstdint>

// ARM CoreLink SDK Technical Reference Manual (DDI 0479), section 4.2: a
// 32-bit down-counter on the peripheral clock. When it reaches zero it raises
// its interrupt (if enabled) and reloads from RELOAD, so a full period is
// RELOAD + 1 ticks. Writing RELOAD also loads the counter (QEMU's model and
// the hardware agree).

namespace chips::mps2_an386 {

/// The fields of CTRL.
struct TimerControl {
  /// A field of CTRL.
  using Field = registers::Field<std::uint32_t, TimerControl>;
  /// EN: the counter runs.
  static constexpr Field enable{0, 1};
  /// IRQEN: reaching zero raises the interrupt.
  static constexpr Field interrupt_enable{3, 1};
};

/// The fields of INTSTATUS (read) and INTCLEAR (write 1 to acknowledge).
struct TimerInterrupt {
  /// A field of INTSTATUS and INTCLEAR.
  using Field = registers::Field<std::uint32_t, TimerInterrupt>;
  /// The counter reached zero.
  static constexpr Field expired{0, 1};
};

/// The registers of one CMSDK APB timer, in address order from its base.
struct TimerRegisters {
  /// 0x000 CTRL: enables.
  registers::ReadWrite<std::uint32_t, TimerControl> control;
  /// 0x004 VALUE: the current count.
  registers::ReadWrite<std::uint32_t> value;
  /// 0x008 RELOAD: loaded when the count passes zero; writing it also sets
  /// VALUE.
  registers::ReadWrite<std::uint32_t> reload;
  /// 0x00C INTSTATUS when read, INTCLEAR when written.
  registers::Aliased<std::uint32_t, TimerInterrupt> interrupt_status_clear;
};

static_assert(offsetof(TimerRegisters, interrupt_status_clear) == 0xC);

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_TIMER_REGISTERS_H
