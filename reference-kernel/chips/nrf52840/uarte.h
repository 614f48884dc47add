/// The nRF52840 UARTE driver: the UART HIL over EasyDMA.
#ifndef CHIPS_NRF52840_UARTE_H
#define CHIPS_NRF52840_UARTE_H

#include "chips/nrf52840/uarte_registers.h"
#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>

namespace chips::nrf52840 {

/// A GPIO as a PSEL register names it.
struct UartePin {
  /// The port (0 or 1).
  std::uint8_t port;
  /// The pin within the port (0 to 31).
  std::uint8_t pin;
};

/// The pins a UARTE drives and samples (no flow control: RTS and CTS stay
/// disconnected).
struct UartePins {
  /// The transmit line.
  UartePin txd;
  /// The receive line.
  UartePin rxd;
};

/// A driver for one nRF52840 UARTE. It implements the UART HIL with EasyDMA:
/// a request hands the client's buffer to the hardware (PTR, MAXCNT, then a
/// START task) and returns; the hardware moves every byte by itself and
/// raises an end event (ENDTX, ENDRX, RXTO) whose bottom half, run by the
/// chip from the kernel loop, hands the buffer back with the count the
/// hardware reports (AMOUNT).
///
/// From the START task to the end event the buffer belongs to EasyDMA, not
/// to this driver: its lease waits in a LEASH_IN_FLIGHT cell, which the
/// driver only fills, empties and tests (`put`, `take`, `is_some`), never
/// looks into. That is what Tock's `TakeCell<&'static mut [u8]>` could not
/// say (issue #2637), and what the checker enforces here.
///
/// The receiver, once started, keeps running between receptions (bytes that
/// arrive meanwhile wait in its 5-byte FIFO and go to the next buffer); an
/// abort or a receive error stops it with STOPRX, and the reception ends
/// when the hardware confirms the stop (RXTO). The interrupt's top half is
/// the arch's `defer_interrupt_to_kernel`, so nothing here runs in
/// interrupt context, and every callback comes from `handle_interrupt`,
/// never from inside a request.
class LEASH_COMPONENT Uarte final : public kernel::hil::uart::Uart {
public:
  /// A driver for the UARTE whose register block is `registers` (obtained
  /// through the unsafe `registers::block_at`, which carries the promise
  /// that this driver is the block's only owner), on `pins`.
  Uarte(UarteRegisters &registers, UartePins pins);

  // kernel::hil::uart::Uart

  /// Connects the pins, sets the baud rate (one of the rates the Product
  /// Specification lists, from 1200 to 1000000; `ErrorCode::invalid` for any
  /// other) and enables the UARTE and its end-event interrupts.
  kernel::Result
  configure(const kernel::hil::uart::Parameters &parameters) const override;
  /// Sends later transmit callbacks to `client`.
  void set_transmit_client(
      const kernel::hil::uart::TransmitClient &client) const override;
  /// Starts an EasyDMA transmission (see the HIL); `ErrorCode::size` also
  /// for a `length` above MAXCNT's 16 bits, `ErrorCode::off` while no
  /// transmit client is set.
  kernel::hil::uart::BufferRefusal transmit(leash::Lease<std::uint8_t> buffer,
                                            std::size_t length) const override;
  /// Stops the transmission (STOPTX); the callback follows the ENDTX that
  /// the hardware raises, with `ErrorCode::cancel` and TXD.AMOUNT.
  kernel::Result abort_transmit() const override;
  /// Sends later receive callbacks to `client`.
  void set_receive_client(
      const kernel::hil::uart::ReceiveClient &client) const override;
  /// Starts an EasyDMA reception (see the HIL); `ErrorCode::size` also for a
  /// `length` above MAXCNT's 16 bits, `ErrorCode::off` while no receive
  /// client is set.
  kernel::hil::uart::BufferRefusal receive(leash::Lease<std::uint8_t> buffer,
                                           std::size_t length) const override;
  /// Stops the reception (STOPRX); the callback follows the RXTO that ends
  /// the stop, with `ErrorCode::cancel` and RXD.AMOUNT.
  kernel::Result abort_receive() const override;

  /// The bottom half, called by the chip from the kernel loop after the
  /// UARTE's interrupt: acknowledges the pending end and error events and
  /// finishes the transfers they end.
  void handle_interrupt() const;

  /// The largest transfer EasyDMA takes at once (MAXCNT's 16 bits).
  static constexpr std::size_t maximum_transfer = 0xFFFF;

private:
  /// Where a transmission is.
  enum class TransmitState : std::uint8_t {
    /// No transmission: requests are accepted.
    idle,
    /// EasyDMA sends the lease in `transmit_buffer_`; ENDTX ends it.
    transmitting,
    /// STOPTX was triggered; the ENDTX it causes ends it with cancel.
    aborting,
  };

  /// Where a reception is.
  enum class ReceiveState : std::uint8_t {
    /// No reception (the receiver may still run, filling its FIFO).
    idle,
    /// EasyDMA fills the lease in `receive_buffer_`; ENDRX ends it.
    receiving,
    /// Aborted: STOPRX was triggered; RXTO ends it with cancel.
    aborting,
    /// A receive error: STOPRX was triggered; RXTO ends it with fail.
    failing,
  };

  /// Whether ENABLE says the UARTE is on (configure has run).
  [[nodiscard]] bool enabled() const;
  /// The transmit half of `handle_interrupt`: ENDTX.
  void handle_transmit_events() const;
  /// The receive half of `handle_interrupt`: ERROR, ENDRX, RXTO.
  void handle_receive_events() const;
  /// Ends the transmission and hands the lease to the client.
  void finish_transmit(kernel::Result result) const;
  /// Ends the reception and hands the lease to the client.
  void finish_receive(kernel::Result result) const;

  /// The UARTE's registers, owned by this driver.
  UarteRegisters &registers_;
  /// The lines' pins, connected by `configure`.
  const UartePins pins_;

  /// Who hears about the end of transmissions.
  leash::OptionalCell<const kernel::hil::uart::TransmitClient *>
      transmit_client_;
  /// The transmission's state.
  leash::Cell<TransmitState> transmit_state_{TransmitState::idle};
  /// The buffer EasyDMA is sending, from STARTTX to ENDTX.
  LEASH_IN_FLIGHT leash::TakeCell<leash::Lease<std::uint8_t>> transmit_buffer_;

  /// Who hears about the end of receptions.
  leash::OptionalCell<const kernel::hil::uart::ReceiveClient *> receive_client_;
  /// The reception's state.
  leash::Cell<ReceiveState> receive_state_{ReceiveState::idle};
  /// The buffer EasyDMA is filling, from STARTRX to ENDRX (or RXTO).
  LEASH_IN_FLIGHT leash::TakeCell<leash::Lease<std::uint8_t>> receive_buffer_;
};

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_UARTE_H
