/// The UART HIL: split-phase transmit and receive of leased buffers.
#ifndef KERNEL_HIL_UART_H
#define KERNEL_HIL_UART_H

#include "kernel/refusal.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

// Split-phase, as every Tock HIL: a request starts the operation and returns
// at once; the driver reports the end through its client's callback, from
// the kernel loop, never from inside the request. The buffer travels with
// the request as a lease: the caller gives it up when the driver accepts it,
// and gets it back in the callback. When the driver refuses a request, it
// hands the same lease straight back with the reason (a kernel::Refusal), so
// no path ever loses a buffer (the leash-lease-dropped rule checks the
// callers).

namespace kernel::hil::uart {

/// The line settings a UART can be configured with (8 data bits, no parity,
/// one stop bit, no flow control: the only frame format kernels need).
struct Parameters {
  /// Bits per second.
  std::uint32_t baud_rate;
};

/// What `transmit` and `receive` return: accepted, or refused with the
/// buffer handed back and the reason.
using BufferRefusal = Refusal<leash::Lease<std::uint8_t>>;

/// Why a transfer of `length` bytes of a lease whose window holds `window`
/// is refused, in the HIL's order: `ErrorCode::busy` while another runs
/// (`busy`), `ErrorCode::size` for a length of zero or beyond the window,
/// `ErrorCode::off` unless the direction is configured and has a client
/// (`ready`); nothing when it may start.
[[nodiscard]] constexpr std::optional<ErrorCode>
refusal_reason(bool busy, std::size_t length, std::size_t window, bool ready) {
  if (busy) {
    return ErrorCode::busy;
  }
  if (length == 0 || length > window) {
    return ErrorCode::size;
  }
  if (!ready) {
    return ErrorCode::off;
  }
  return std::nullopt;
}

class TransmitClient;
class ReceiveClient;

/// Ends a transmission: hands `buffer` to the client in `client` with the
/// count of bytes sent and the result. Drivers refuse requests while they
/// have no client, so there always is one; were there none, the lease goes
/// back into `home` rather than be lost. A driver whose `home` is a
/// LEASH_IN_FLIGHT cell (the DMA drivers) cannot lend it to a function, by
/// leash's rule, and writes these lines out itself.
void hand_back_transmitted(
    const leash::OptionalCell<const TransmitClient *> &client,
    const leash::TakeCell<leash::Lease<std::uint8_t>> &home,
    leash::Lease<std::uint8_t> buffer, std::size_t sent, Result result);

/// Ends a reception, as `hand_back_transmitted` ends a transmission.
void hand_back_received(
    const leash::OptionalCell<const ReceiveClient *> &client,
    const leash::TakeCell<leash::Lease<std::uint8_t>> &home,
    leash::Lease<std::uint8_t> buffer, std::size_t received, Result result);

/// Told when a transmission has ended.
class LEASH_COMPONENT TransmitClient {
public:
  /// The transmission of `buffer` ended after `length` bytes: all requested
  /// bytes on success, fewer if it was aborted (`ErrorCode::cancel`). The
  /// lease comes back to the client here.
  virtual void transmitted(leash::Lease<std::uint8_t> buffer,
                           std::size_t length, Result result) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~TransmitClient() = default;
};

/// Told when a reception has ended.
class LEASH_COMPONENT ReceiveClient {
public:
  /// The reception into `buffer` ended with `length` bytes at its start:
  /// all requested bytes on success, fewer if it was aborted
  /// (`ErrorCode::cancel`) or bytes were lost to an overrun
  /// (`ErrorCode::fail`, the received bytes are still delivered). The lease
  /// comes back to the client here.
  virtual void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                        Result result) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~ReceiveClient() = default;
};

/// The transmit half of a UART.
class LEASH_COMPONENT Transmit {
public:
  /// Sends later transmit callbacks to `client`.
  virtual void set_transmit_client(const TransmitClient &client) const = 0;

  /// Starts sending the first `length` bytes of `buffer`'s window. Returns
  /// an accepted Refusal when the transmission started (`transmitted`
  /// follows), or `buffer` itself with the reason when it was refused:
  /// `ErrorCode::busy` during another transmission, `ErrorCode::size` for a
  /// `length` of zero or larger than the window, `ErrorCode::off` while the
  /// transmitter is not configured or has no client. A refused request has
  /// no callback.
  virtual BufferRefusal transmit(leash::Lease<std::uint8_t> buffer,
                                 std::size_t length) const = 0;

  /// Stops the current transmission early; its callback follows with
  /// `ErrorCode::cancel` and the count of bytes sent. Returns
  /// `ErrorCode::off` if nothing was being sent.
  virtual Result abort_transmit() const = 0;

protected:
  /// Drivers are never destroyed through this interface.
  ~Transmit() = default;
};

/// The receive half of a UART.
class LEASH_COMPONENT Receive {
public:
  /// Sends later receive callbacks to `client`.
  virtual void set_receive_client(const ReceiveClient &client) const = 0;

  /// Starts receiving `length` bytes into the start of `buffer`'s window.
  /// Returns an accepted Refusal when the reception started (`received`
  /// follows once `length` bytes arrived), or `buffer` itself with the
  /// reason when refused: `ErrorCode::busy` during another reception,
  /// `ErrorCode::size` for a `length` of zero or larger than the window,
  /// `ErrorCode::off` while the receiver is not configured or has no
  /// client. A refused request has no callback.
  virtual BufferRefusal receive(leash::Lease<std::uint8_t> buffer,
                                std::size_t length) const = 0;

  /// Stops the current reception early; its callback follows with
  /// `ErrorCode::cancel` and the bytes received so far. Returns
  /// `ErrorCode::off` if nothing was being received.
  virtual Result abort_receive() const = 0;

protected:
  /// Drivers are never destroyed through this interface.
  ~Receive() = default;
};

/// Transmit and receive without configuration (Tock's `UartData`): what a
/// client of a shared UART gets, such as a virtual UART of a multiplexer.
class LEASH_COMPONENT UartData : public Transmit, public Receive {
protected:
  /// Drivers are never destroyed through this interface.
  ~UartData() = default;
};

/// A whole UART: configuration, transmit and receive.
class LEASH_COMPONENT Uart : public UartData {
public:
  /// Applies `parameters` and enables the transmitter and receiver. Returns
  /// `ErrorCode::invalid` for settings the hardware cannot produce and
  /// `ErrorCode::busy` while a transfer is in progress.
  virtual Result configure(const Parameters &parameters) const = 0;

protected:
  /// Drivers are never destroyed through this interface.
  ~Uart() = default;
};

inline void
hand_back_transmitted(const leash::OptionalCell<const TransmitClient *> &client,
                      const leash::TakeCell<leash::Lease<std::uint8_t>> &home,
                      leash::Lease<std::uint8_t> buffer, std::size_t sent,
                      Result result) {
  const auto to = client.get();
  if (!to.has_value()) {
    home.put(std::move(buffer));
    return;
  }
  (*to)->transmitted(std::move(buffer), sent, result);
}

inline void
hand_back_received(const leash::OptionalCell<const ReceiveClient *> &client,
                   const leash::TakeCell<leash::Lease<std::uint8_t>> &home,
                   leash::Lease<std::uint8_t> buffer, std::size_t received,
                   Result result) {
  const auto to = client.get();
  if (!to.has_value()) {
    home.put(std::move(buffer));
    return;
  }
  (*to)->received(std::move(buffer), received, result);
}

} // namespace kernel::hil::uart

#endif // KERNEL_HIL_UART_H
