/// The CMSDK APB UART's register block and fields.
#ifndef CHIPS_MPS2_AN386_UART_REGISTERS_H
#define CHIPS_MPS2_AN386_UART_REGISTERS_H

#include "libraries/registers/registers.h"

#include <cstddef>
#include <cstdint>

// ARM CoreLink SDK Technical Reference Manual (DDI 0479), section 4.3. The
// UART has a one-byte transmit buffer and a one-byte receive buffer, no FIFO
// and no DMA: the CPU moves every byte.

namespace chips::mps2_an386 {

/// The fields of STATE.
struct UartState {
  /// A field of STATE.
  using Field = registers::Field<std::uint32_t, UartState>;
  /// TXFULL: the transmit buffer holds a byte not yet sent (read-only).
  static constexpr Field transmit_full{0, 1};
  /// RXFULL: the receive buffer holds a byte not yet read (read-only).
  static constexpr Field receive_full{1, 1};
  /// TXOVERRUN: a byte was written while the buffer was full (write 1 to
  /// clear).
  static constexpr Field transmit_overrun{2, 1};
  /// RXOVERRUN: a byte arrived while the buffer was full and was lost
  /// (write 1 to clear).
  static constexpr Field receive_overrun{3, 1};
};

/// The fields of CTRL.
struct UartControl {
  /// A field of CTRL.
  using Field = registers::Field<std::uint32_t, UartControl>;
  /// TXEN: the transmitter is enabled.
  static constexpr Field transmit_enable{0, 1};
  /// RXEN: the receiver is enabled.
  static constexpr Field receive_enable{1, 1};
  /// TXINTEN: the transmit interrupt is enabled (raised when the transmit
  /// buffer empties).
  static constexpr Field transmit_interrupt_enable{2, 1};
  /// RXINTEN: the receive interrupt is enabled (raised when a byte arrives).
  static constexpr Field receive_interrupt_enable{3, 1};
};

/// The fields of INTSTATUS (read) and INTCLEAR (write 1 to acknowledge).
struct UartInterrupt {
  /// A field of INTSTATUS and INTCLEAR.
  using Field = registers::Field<std::uint32_t, UartInterrupt>;
  /// The transmit buffer emptied.
  static constexpr Field transmit{0, 1};
  /// A byte arrived.
  static constexpr Field receive{1, 1};
  /// A transmit overrun happened.
  static constexpr Field transmit_overrun{2, 1};
  /// A receive overrun happened.
  static constexpr Field receive_overrun{3, 1};
};

/// The registers of one CMSDK APB UART, in address order from its base.
struct UartRegisters {
  /// 0x000 DATA: a write sends a byte; a read takes the byte received.
  registers::ReadWrite<std::uint32_t> data;
  /// 0x004 STATE: buffer full and overrun flags.
  registers::ReadWrite<std::uint32_t, UartState> state;
  /// 0x008 CTRL: enables.
  registers::ReadWrite<std::uint32_t, UartControl> control;
  /// 0x00C INTSTATUS when read, INTCLEAR when written.
  registers::Aliased<std::uint32_t, UartInterrupt> interrupt_status_clear;
  /// 0x010 BAUDDIV: the peripheral clock divided by the baud rate (at least
  /// 16).
  registers::ReadWrite<std::uint32_t> baud_divider;
};

static_assert(offsetof(UartRegisters, baud_divider) == 0x10);

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_UART_REGISTERS_H
