/// The CMSDK APB UART driver: the UART HIL over interrupts, and polled output.
#ifndef CHIPS_MPS2_AN386_CMSDK_UART_H
#define CHIPS_MPS2_AN386_CMSDK_UART_H

#include "chips/mps2-an386/uart_registers.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace chips::mps2_an386 {

/// A driver for one CMSDK APB UART. It implements the UART HIL with
/// interrupts: a request starts the transfer and returns, the transmit and
/// receive interrupts drive it byte by byte (their bottom halves run in the
/// kernel loop, called by the chip), and the client's callback ends it. It
/// also writes text by polling, for the kernel's debug output and panics,
/// which must work without interrupts.
///
/// The CMSDK UART has a one-byte buffer in each direction and no DMA, so the
/// CPU copies every byte between the client's buffer and the DATA register.
/// That is why the leases it holds during a transfer are *not* marked
/// LEASH_IN_FLIGHT: LEASH_IN_FLIGHT says "the hardware owns this memory, the
/// CPU must not touch it", which is true of a DMA engine (the nRF52840's
/// EasyDMA reads the buffer by itself) and false here, where this driver is
/// the buffer's owner for the whole transfer and reads or writes it in its
/// bottom halves through the cell's `map`. Nobody else can reach the buffer
/// meanwhile: the client gave its lease away with the request.
class LEASH_COMPONENT CmsdkUart final : public kernel::hil::uart::Uart,
                                        public kernel::DeferredCallClient {
public:
  /// A driver for the UART whose register block is `registers` (obtained
  /// through the unsafe `registers::block_at`, which carries the promise that
  /// this driver is the block's only owner), clocked at `clock_hz`. Claims a
  /// deferred call, so construct it once, in static storage.
  CmsdkUart(UartRegisters &registers, std::uint32_t clock_hz);

  // kernel::hil::uart::Uart

  /// Sets the baud rate and enables the transmitter and receiver.
  kernel::Result
  configure(const kernel::hil::uart::Parameters &parameters) const override;
  /// Sends later transmit callbacks to `client`.
  void set_transmit_client(
      const kernel::hil::uart::TransmitClient &client) const override;
  /// Starts an interrupt-driven transmission (see the HIL); refused, too,
  /// while no transmit client is set.
  kernel::hil::uart::BufferRefusal transmit(leash::Lease<std::uint8_t> buffer,
                                            std::size_t length) const override;
  /// Stops the current transmission; the callback follows.
  kernel::Result abort_transmit() const override;
  /// Sends later receive callbacks to `client`.
  void set_receive_client(
      const kernel::hil::uart::ReceiveClient &client) const override;
  /// Starts an interrupt-driven reception (see the HIL); refused, too, while
  /// no receive client is set.
  kernel::hil::uart::BufferRefusal receive(leash::Lease<std::uint8_t> buffer,
                                           std::size_t length) const override;
  /// Stops the current reception; the callback follows.
  kernel::Result abort_receive() const override;

  // Bottom halves, called by the chip from the kernel loop.

  /// The transmit interrupt fired: the transmit buffer emptied.
  void handle_transmit_interrupt() const;
  /// The receive interrupt fired: a byte arrived.
  void handle_receive_interrupt() const;
  /// Finishes aborted transfers, and collects a byte that arrived before its
  /// reception was requested.
  void handle_deferred_call() const override;

  /// Writes `text` by polling, waiting while the transmit buffer is full; for
  /// the kernel's debug output and panics. Dropped if the transmitter is not
  /// configured. Bytes of an interrupt-driven transmission in progress may
  /// interleave with it.
  void write_polled(std::string_view text) const;

  /// Sends the rest of the interrupt-driven transmission in progress by
  /// polling, for the end of a run (a panic, a fault), when its interrupts
  /// will not come; its callback still follows if the kernel loop runs.
  void flush_transmit_polled() const;

private:
  /// Where a transmission is.
  enum class TransmitState : std::uint8_t {
    /// No transmission: requests are accepted.
    idle,
    /// Bytes are being sent from the lease in `transmit_buffer_`.
    transmitting,
    /// Aborted: the deferred call hands the lease back.
    aborting,
  };

  /// Where a reception is.
  enum class ReceiveState : std::uint8_t {
    /// No reception: bytes that arrive wait in the hardware's buffer.
    idle,
    /// Bytes are being received into the lease in `receive_buffer_`.
    receiving,
    /// Aborted: the deferred call hands the lease back.
    aborting,
  };

  /// Whether the transmitter is enabled (configure has run).
  [[nodiscard]] bool transmitter_enabled() const;
  /// Copies bytes from the transmit lease into DATA while the hardware takes
  /// them.
  void fill_transmit_buffer() const;
  /// Ends the transmission and hands the lease to the client.
  void finish_transmit(kernel::Result result) const;
  /// Copies waiting bytes from DATA into the receive lease, and ends the
  /// reception when it is complete.
  void collect_received_bytes() const;
  /// Ends the reception and hands the lease to the client.
  void finish_receive(kernel::Result result) const;

  /// The UART's registers, owned by this driver.
  UartRegisters &registers_;
  /// The peripheral clock, for the baud divider.
  const std::uint32_t clock_hz_;
  /// Defers abort completions and bytes that were already waiting.
  kernel::DeferredCall deferred_call_;

  /// Who hears about the end of transmissions.
  leash::OptionalCell<const kernel::hil::uart::TransmitClient *>
      transmit_client_;
  /// The transmission's state.
  leash::Cell<TransmitState> transmit_state_{TransmitState::idle};
  /// The buffer being transmitted; owned by this driver, which reads it (not
  /// LEASH_IN_FLIGHT: see the class comment).
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_buffer_;
  /// How many bytes of the window to send.
  leash::Cell<std::size_t> transmit_length_;
  /// How many have been handed to the hardware.
  leash::Cell<std::size_t> transmit_position_;

  /// Who hears about the end of receptions.
  leash::OptionalCell<const kernel::hil::uart::ReceiveClient *> receive_client_;
  /// The reception's state.
  leash::Cell<ReceiveState> receive_state_{ReceiveState::idle};
  /// The buffer being filled; owned by this driver, which writes it (not
  /// LEASH_IN_FLIGHT: see the class comment).
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_buffer_;
  /// How many bytes to receive.
  leash::Cell<std::size_t> receive_length_;
  /// How many have arrived.
  leash::Cell<std::size_t> receive_position_;
  /// Whether the hardware lost a byte during this reception.
  leash::Cell<bool> receive_overrun_;
};

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_CMSDK_UART_H
