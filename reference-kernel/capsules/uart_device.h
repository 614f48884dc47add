/// UartDevice: one client's UART, multiplexed onto a shared MuxUart.
#ifndef CAPSULES_UART_DEVICE_H
#define CAPSULES_UART_DEVICE_H

#include "capsules/mux_uart.h"
#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/list.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>

namespace capsules {

/// A UART of its own for one client (Tock's `UartDevice`), sharing the
/// real UART with the other devices of its MuxUart. It behaves as the UART
/// HIL says, with one difference: an accepted transmission may wait for its
/// turn before it starts. A node of the mux's list, so a component in
/// static storage.
class LEASH_COMPONENT UartDevice final : public kernel::hil::uart::UartData {
public:
  /// A device of `mux`; joins the mux's list.
  explicit UartDevice(const MuxUart &mux);

  // kernel::hil::uart::Transmit

  /// Sends later transmit callbacks to `client`.
  void set_transmit_client(
      const kernel::hil::uart::TransmitClient &client) const override;
  /// Starts the transmission, or queues it while another device's runs;
  /// refused (see the HIL) while this device's previous one has not ended,
  /// for a bad length, without a client, or when the UART refuses.
  kernel::hil::uart::BufferRefusal transmit(leash::Lease<std::uint8_t> buffer,
                                            std::size_t length) const override;
  /// Stops this device's transmission, running or waiting; the callback
  /// follows with `ErrorCode::cancel`.
  kernel::Result abort_transmit() const override;

  // kernel::hil::uart::Receive

  /// Sends later receive callbacks to `client`.
  void set_receive_client(
      const kernel::hil::uart::ReceiveClient &client) const override;
  /// Starts a reception; refused with `ErrorCode::busy` while another
  /// device receives.
  kernel::hil::uart::BufferRefusal receive(leash::Lease<std::uint8_t> buffer,
                                           std::size_t length) const override;
  /// Stops this device's reception; the callback follows.
  kernel::Result abort_receive() const override;

  /// This node's link in the mux's list.
  [[nodiscard]] const leash::ListLink<UartDevice> &list_link() const {
    return link_;
  }

  // What the mux uses.

  /// Whether a transmission of this device waits for its turn.
  [[nodiscard]] bool is_waiting() const;
  /// Its turn: starts the waiting transmission on the UART; if the UART
  /// refuses, hands the lease back to the client with the reason.
  void start_waiting_transmission() const;
  /// The transmission ended: hands the lease back to the client.
  void transmission_ended(leash::Lease<std::uint8_t> buffer, std::size_t sent,
                          kernel::Result result) const;
  /// Hands an aborted, waiting transmission back to the client.
  void finish_abort() const;
  /// The reception ended: hands the lease back to the client.
  void reception_ended(leash::Lease<std::uint8_t> buffer, std::size_t received,
                       kernel::Result result) const;

private:
  /// Where this device's transmission is.
  enum class TransmitState : std::uint8_t {
    /// None: requests are accepted.
    idle,
    /// Accepted; waits with its lease in `waiting_buffer_`.
    waiting,
    /// Running on the UART, which holds the lease.
    transmitting,
    /// Aborted while waiting; the mux's deferred call hands it back.
    aborting,
  };

  /// Hands `buffer` back to the transmit client after `sent` bytes.
  void end_transmission(leash::Lease<std::uint8_t> buffer, std::size_t sent,
                        kernel::Result result) const;

  /// The mux this device belongs to.
  const MuxUart &mux_;
  /// Who hears about the end of transmissions.
  leash::OptionalCell<const kernel::hil::uart::TransmitClient *>
      transmit_client_;
  /// Who hears about the end of receptions.
  leash::OptionalCell<const kernel::hil::uart::ReceiveClient *> receive_client_;
  /// The transmission's state.
  leash::Cell<TransmitState> transmit_state_{TransmitState::idle};
  /// The lease of a transmission that waits for its turn (the CPU wrote it
  /// and nobody reads it until the UART does).
  leash::TakeCell<leash::Lease<std::uint8_t>> waiting_buffer_;
  /// How many bytes of it to send.
  leash::Cell<std::size_t> waiting_length_;
  /// This node's link in the mux's list.
  leash::ListLink<UartDevice> link_;
};

} // namespace capsules

#endif // CAPSULES_UART_DEVICE_H
