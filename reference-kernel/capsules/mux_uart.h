/// MuxUart: one UART shared by any number of virtual UARTs (UartDevice).
#ifndef CAPSULES_MUX_UART_H
#define CAPSULES_MUX_UART_H

#include "kernel/deferred_call.h"
#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/list.h>
#include <leash/optional_cell.h>

#include <cstddef>
#include <cstdint>

namespace capsules {

class UartDevice;

/// Multiplexes one UART among the UartDevices built on it (Tock's
/// `MuxUart`), so that the console, the kernel's debug output and, later,
/// processes share UART0 without ever cutting into each other's output.
///
/// Transmit: one device's transmission at a time goes to the UART, whole,
/// with the device's own lease (no copy); the others wait, each with its
/// lease in its device. A device that transmits again from its own
/// completion callback keeps the UART (a TransmitQueue's chunks then come
/// out in one piece, so a write is never cut by another device's output),
/// for at most `turn_length` transmissions in a row; then, or when it goes
/// idle, the waiting devices take turns round-robin, so none can starve the
/// others.
///
/// Receive: one device receives at a time (the first to ask); the others
/// are refused with `ErrorCode::busy` until its reception ends.
///
/// The pair talks through public members only: a device joins (`add`),
/// starts transfers on the UART through the mux, and the mux tells it when
/// its turn comes and when its transfers end.
class LEASH_COMPONENT MuxUart final : public kernel::hil::uart::TransmitClient,
                                      public kernel::hil::uart::ReceiveClient,
                                      public kernel::DeferredCallClient {
public:
  /// A mux over `uart`; the board makes the mux the UART's transmit and
  /// receive client.
  explicit MuxUart(const kernel::hil::uart::UartData &uart);

  // What devices use.

  /// Adds `device` (UartDevice's constructor does it; a device joins once,
  /// and stays for good).
  void add(const UartDevice &device) const;

  /// The most transmissions one device makes in a row while others wait:
  /// 16 chunks of a 64-byte lease carry a whole TransmitQueue.
  static constexpr unsigned turn_length = 16;

  /// Whether `device`'s new transmission may start on the UART now;
  /// otherwise it waits for its turn.
  [[nodiscard]] bool may_start(const UartDevice &device) const;

  /// Starts `device`'s transmission of `length` bytes of `buffer` on the
  /// UART; the UART's answer, a refusal included, is the device's.
  kernel::hil::uart::BufferRefusal
  start_transmit(const UartDevice &device, leash::Lease<std::uint8_t> buffer,
                 std::size_t length) const;

  /// Stops `device`'s transmission on the UART, if it is the one running.
  kernel::Result abort_transmit(const UartDevice &device) const;

  /// Asks for a deferred call in which every device with an aborted,
  /// waiting request hands it back to its client.
  void finish_aborts_later() const;

  /// Starts `device`'s reception, unless another device is receiving.
  kernel::hil::uart::BufferRefusal
  start_receive(const UartDevice &device, leash::Lease<std::uint8_t> buffer,
                std::size_t length) const;

  /// Stops `device`'s reception, if it is the one receiving.
  kernel::Result abort_receive(const UartDevice &device) const;

  // The UART's callbacks, and the deferred call.

  /// The running transmission ended: the lease goes back to its device
  /// (which may go on), then the next waiting device's turn.
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override;
  /// The reception ended: the lease goes back to its device.
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result result) const override;
  /// Hands back the aborted, waiting requests.
  void handle_deferred_call() const override;

private:
  /// Starts waiting devices' transmissions, round-robin from the one after
  /// `previous` (the first device when null), until one runs or none waits.
  void start_next_transmission(const UartDevice *previous) const;

  /// The UART underneath.
  const kernel::hil::uart::UartData &uart_;
  /// Every device of this mux.
  leash::List<UartDevice> devices_;
  /// The device whose transmission runs on the UART.
  leash::OptionalCell<const UartDevice *> transmitting_;
  /// The device whose transmission's callback is running.
  leash::OptionalCell<const UartDevice *> ending_;
  /// The device that transmitted last, and how many times in a row.
  leash::OptionalCell<const UartDevice *> last_;
  /// How many transmissions in a row `last_` made.
  leash::Cell<unsigned> turns_;
  /// The device whose reception runs on the UART.
  leash::OptionalCell<const UartDevice *> receiving_;
  /// Hands back aborted requests from the kernel loop, never from inside
  /// the abort.
  kernel::DeferredCall deferred_call_;
};

} // namespace capsules

#endif // CAPSULES_MUX_UART_H
