/// The nRF52840 UARTE's register block and fields.
#ifndef CHIPS_NRF52840_UARTE_REGISTERS_H
#define CHIPS_NRF52840_UARTE_REGISTERS_H

#include "chips/nrf52840/signal.h"
#include "libraries/registers/registers.h"

#include <cstddef>
#include <cstdint>

// nRF52840 Product Specification, UARTE chapter (offsets as in nrfx's
// nrf52840.h). Tasks are triggered by writing 1; an event register reads 1
// once the event happened and is cleared by writing 0; INTEN decides which
// events raise the interrupt line. EasyDMA moves the bytes between Data RAM
// and the line on its own: TXD and RXD hold a transfer's pointer, its
// maximum count (16 bits on this chip) and, once it ended, the count moved.

namespace chips::nrf52840 {

/// The bits of INTEN, INTENSET and INTENCLR: one per event.
struct UarteInterrupt {
  /// A field of INTEN, INTENSET and INTENCLR.
  using Field = registers::Field<std::uint32_t, UarteInterrupt>;
  /// CTS became active.
  static constexpr Field cts{0, 1};
  /// CTS became inactive.
  static constexpr Field ncts{1, 1};
  /// A byte arrived in the receive FIFO.
  static constexpr Field rx_ready{2, 1};
  /// The receive buffer is filled up (or the reception was stopped).
  static constexpr Field end_rx{4, 1};
  /// A byte left the transmit register.
  static constexpr Field tx_ready{7, 1};
  /// The last byte of the transmit buffer was read by EasyDMA.
  static constexpr Field end_tx{8, 1};
  /// A receive error; ERRORSRC says which.
  static constexpr Field error{9, 1};
  /// The receiver timed out after STOPRX: it has stopped.
  static constexpr Field rx_timeout{17, 1};
  /// RXD.PTR and RXD.MAXCNT were latched: the next reception can be set up.
  static constexpr Field rx_started{19, 1};
  /// TXD.PTR and TXD.MAXCNT were latched.
  static constexpr Field tx_started{20, 1};
  /// The transmitter stopped after STOPTX.
  static constexpr Field tx_stopped{22, 1};
};

/// The bits of ERRORSRC (write 1 to clear).
struct UarteErrorSource {
  /// A field of ERRORSRC.
  using Field = registers::Field<std::uint32_t, UarteErrorSource>;
  /// A byte arrived while the receive FIFO was full, and was lost.
  static constexpr Field overrun{0, 1};
  /// A byte with the wrong parity arrived.
  static constexpr Field parity{1, 1};
  /// A byte's stop bit was missing.
  static constexpr Field framing{2, 1};
  /// The line was held low longer than a frame.
  static constexpr Field line_break{3, 1};
};

/// What ENABLE holds.
enum class UarteEnableValue : std::uint32_t {
  /// The peripheral is off.
  disabled = 0,
  /// The peripheral is on (the UARTE's value; 4 would enable the legacy
  /// UART at the same address instead).
  enabled = 8,
};

/// The field of ENABLE.
struct UarteEnable {
  /// A field of ENABLE.
  using Field = registers::Field<std::uint32_t, UarteEnable, UarteEnableValue>;
  /// Which peripheral at this address is on.
  static constexpr Field enable{0, 4};
};

/// The fields of a PSEL register: which GPIO a line uses.
struct UartePinSelect {
  /// A field of PSEL.RTS, PSEL.TXD, PSEL.CTS or PSEL.RXD.
  using Field = registers::Field<std::uint32_t, UartePinSelect>;
  /// The pin number within its port (0 to 31).
  static constexpr Field pin{0, 5};
  /// The port (0 or 1).
  static constexpr Field port{5, 1};
  /// 1: the line is disconnected (the reset value).
  static constexpr Field disconnected{31, 1};
};

/// The fields of CONFIG.
struct UarteConfig {
  /// A field of CONFIG.
  using Field = registers::Field<std::uint32_t, UarteConfig>;
  /// Hardware flow control (RTS/CTS).
  static constexpr Field flow_control{0, 1};
  /// Parity: 0 none, 7 even.
  static constexpr Field parity{1, 3};
  /// 1: two stop bits.
  static constexpr Field two_stop_bits{4, 1};
};

/// One EasyDMA channel's registers (RXD or TXD).
struct UarteDmaChannel {
  /// +0x0 PTR: the Data RAM address of the buffer.
  registers::ReadWrite<std::uint32_t> pointer;
  /// +0x4 MAXCNT: how many bytes to move (16 bits on the nRF52840).
  registers::ReadWrite<std::uint32_t> maximum_count;
  /// +0x8 AMOUNT: how many bytes the last transfer moved.
  registers::ReadOnly<std::uint32_t> amount;
};

static_assert(offsetof(UarteDmaChannel, amount) == 0x8);

/// The registers of one UARTE, in address order from its base.
struct UarteRegisters {
  /// 0x000 TASKS_STARTRX: start the receiver into RXD's buffer.
  registers::WriteOnly<std::uint32_t, Signal> start_rx;
  /// 0x004 TASKS_STOPRX: stop the receiver (ENDRX, then RXTO follow).
  registers::WriteOnly<std::uint32_t, Signal> stop_rx;
  /// 0x008 TASKS_STARTTX: start transmitting TXD's buffer.
  registers::WriteOnly<std::uint32_t, Signal> start_tx;
  /// 0x00C TASKS_STOPTX: stop the transmitter (ENDTX, then TXSTOPPED).
  registers::WriteOnly<std::uint32_t, Signal> stop_tx;
  registers::Reserved<0x02C - 0x010> reserved0;
  /// 0x02C TASKS_FLUSHRX: move the receive FIFO into RXD's buffer.
  registers::WriteOnly<std::uint32_t, Signal> flush_rx;
  registers::Reserved<0x100 - 0x030> reserved1;
  /// 0x100 EVENTS_CTS.
  registers::ReadWrite<std::uint32_t, Signal> event_cts;
  /// 0x104 EVENTS_NCTS.
  registers::ReadWrite<std::uint32_t, Signal> event_ncts;
  /// 0x108 EVENTS_RXDRDY.
  registers::ReadWrite<std::uint32_t, Signal> event_rx_ready;
  registers::Reserved<0x110 - 0x10C> reserved2;
  /// 0x110 EVENTS_ENDRX.
  registers::ReadWrite<std::uint32_t, Signal> event_end_rx;
  registers::Reserved<0x11C - 0x114> reserved3;
  /// 0x11C EVENTS_TXDRDY.
  registers::ReadWrite<std::uint32_t, Signal> event_tx_ready;
  /// 0x120 EVENTS_ENDTX.
  registers::ReadWrite<std::uint32_t, Signal> event_end_tx;
  /// 0x124 EVENTS_ERROR.
  registers::ReadWrite<std::uint32_t, Signal> event_error;
  registers::Reserved<0x144 - 0x128> reserved4;
  /// 0x144 EVENTS_RXTO.
  registers::ReadWrite<std::uint32_t, Signal> event_rx_timeout;
  registers::Reserved<0x14C - 0x148> reserved5;
  /// 0x14C EVENTS_RXSTARTED.
  registers::ReadWrite<std::uint32_t, Signal> event_rx_started;
  /// 0x150 EVENTS_TXSTARTED.
  registers::ReadWrite<std::uint32_t, Signal> event_tx_started;
  registers::Reserved<0x158 - 0x154> reserved6;
  /// 0x158 EVENTS_TXSTOPPED.
  registers::ReadWrite<std::uint32_t, Signal> event_tx_stopped;
  registers::Reserved<0x200 - 0x15C> reserved7;
  /// 0x200 SHORTS (bit 5 ENDRX_STARTRX, bit 6 ENDRX_STOPRX; unused here).
  registers::ReadWrite<std::uint32_t> shorts;
  registers::Reserved<0x300 - 0x204> reserved8;
  /// 0x300 INTEN: which events raise the interrupt.
  registers::ReadWrite<std::uint32_t, UarteInterrupt> interrupt_enable;
  /// 0x304 INTENSET: write 1 to enable; reads INTEN.
  registers::Aliased<std::uint32_t, UarteInterrupt> interrupt_enable_set;
  /// 0x308 INTENCLR: write 1 to disable; reads INTEN.
  registers::Aliased<std::uint32_t, UarteInterrupt> interrupt_enable_clear;
  registers::Reserved<0x480 - 0x30C> reserved9;
  /// 0x480 ERRORSRC: why ERROR fired (write 1 to clear).
  registers::Aliased<std::uint32_t, UarteErrorSource> error_source;
  registers::Reserved<0x500 - 0x484> reserved10;
  /// 0x500 ENABLE.
  registers::ReadWrite<std::uint32_t, UarteEnable> enable;
  registers::Reserved<0x508 - 0x504> reserved11;
  /// 0x508 PSEL.RTS.
  registers::ReadWrite<std::uint32_t, UartePinSelect> pin_rts;
  /// 0x50C PSEL.TXD.
  registers::ReadWrite<std::uint32_t, UartePinSelect> pin_txd;
  /// 0x510 PSEL.CTS.
  registers::ReadWrite<std::uint32_t, UartePinSelect> pin_cts;
  /// 0x514 PSEL.RXD.
  registers::ReadWrite<std::uint32_t, UartePinSelect> pin_rxd;
  registers::Reserved<0x524 - 0x518> reserved12;
  /// 0x524 BAUDRATE: a value from the Product Specification's table.
  registers::ReadWrite<std::uint32_t> baud_rate;
  registers::Reserved<0x534 - 0x528> reserved13;
  /// 0x534 RXD.PTR, 0x538 RXD.MAXCNT, 0x53C RXD.AMOUNT.
  UarteDmaChannel rxd;
  registers::Reserved<0x544 - 0x540> reserved14;
  /// 0x544 TXD.PTR, 0x548 TXD.MAXCNT, 0x54C TXD.AMOUNT.
  UarteDmaChannel txd;
  registers::Reserved<0x56C - 0x550> reserved15;
  /// 0x56C CONFIG: parity, stop bits, flow control.
  registers::ReadWrite<std::uint32_t, UarteConfig> config;
};

static_assert(offsetof(UarteRegisters, stop_tx) == 0x00C);
static_assert(offsetof(UarteRegisters, flush_rx) == 0x02C);
static_assert(offsetof(UarteRegisters, event_rx_ready) == 0x108);
static_assert(offsetof(UarteRegisters, event_end_rx) == 0x110);
static_assert(offsetof(UarteRegisters, event_tx_ready) == 0x11C);
static_assert(offsetof(UarteRegisters, event_end_tx) == 0x120);
static_assert(offsetof(UarteRegisters, event_error) == 0x124);
static_assert(offsetof(UarteRegisters, event_rx_timeout) == 0x144);
static_assert(offsetof(UarteRegisters, event_rx_started) == 0x14C);
static_assert(offsetof(UarteRegisters, event_tx_started) == 0x150);
static_assert(offsetof(UarteRegisters, event_tx_stopped) == 0x158);
static_assert(offsetof(UarteRegisters, shorts) == 0x200);
static_assert(offsetof(UarteRegisters, interrupt_enable) == 0x300);
static_assert(offsetof(UarteRegisters, interrupt_enable_clear) == 0x308);
static_assert(offsetof(UarteRegisters, error_source) == 0x480);
static_assert(offsetof(UarteRegisters, enable) == 0x500);
static_assert(offsetof(UarteRegisters, pin_rts) == 0x508);
static_assert(offsetof(UarteRegisters, pin_rxd) == 0x514);
static_assert(offsetof(UarteRegisters, baud_rate) == 0x524);
static_assert(offsetof(UarteRegisters, rxd) == 0x534);
static_assert(offsetof(UarteRegisters, txd) == 0x544);
static_assert(offsetof(UarteRegisters, config) == 0x56C);

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_UARTE_REGISTERS_H
