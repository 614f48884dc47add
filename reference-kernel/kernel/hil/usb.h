/// The USB device HIL: packets on endpoints, every buffer a lease.
#ifndef KERNEL_HIL_USB_H
#define KERNEL_HIL_USB_H

#include "kernel/refusal.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/lease.h>

#include <array>
#include <cstddef>
#include <cstdint>

// The contract between a USB device controller driver (chips/) and the USB
// device stack (capsules/usb/), in the split-phase lease style of the UART
// HIL. Tock's USB HIL hands each endpoint a long-lived shared slice at
// start-up that the controller's DMA and the stack both reach, guarded by
// nothing (Tock issue #2637); here every packet's buffer is a lease that the
// stack gives up with the request and gets back in the callback, so the
// CPU never touches memory the controller's DMA owns, and the checker can
// prove it.
//
// Packets, not transfers: the controller moves one packet per request (at
// most the endpoint's maximum packet size, zero bytes allowed), and the
// stack drives the stages of a control transfer and splits its data into
// packets. The stack decides every zero-length packet.
//
// Defined behaviour (every controller):
// - Callbacks come from the kernel loop, never from inside a request.
// - A request is refused (the lease handed back with the reason, no
//   callback) when it cannot start: `ErrorCode::busy` while the endpoint
//   has a packet in flight, `ErrorCode::size` for a length above the
//   endpoint's maximum packet size or the lease's window,
//   `ErrorCode::off` while detached or for an endpoint not enabled,
//   `ErrorCode::invalid` for a halted endpoint or one of the wrong
//   direction.
// - Every accepted request ends in exactly one callback that hands its lease
//   back: after the packet moved, or with `ErrorCode::cancel` when a bus
//   reset, a detach, a new SETUP (endpoint 0) or disabling the endpoint
//   abandoned it. Those cancellations come before the `bus_reset` or
//   `setup_received` callback that caused them.
// - Endpoint 0 is always enabled, with a maximum packet size of 64.
//
// Undefined behaviour: none. A request that breaks the contract is refused.

namespace kernel::hil::usb {

/// The direction of an endpoint, as bit 7 of its address.
enum class Direction : std::uint8_t {
  /// Host to device.
  out = 0x00,
  /// Device to host.
  in = 0x80,
};

/// How an endpoint moves data (bits 0..1 of bmAttributes).
enum class TransferType : std::uint8_t {
  /// Setup, data and status stages (endpoint 0).
  control = 0,
  /// Periodic, unacknowledged.
  isochronous = 1,
  /// Acknowledged, as bandwidth allows.
  bulk = 2,
  /// Periodic, acknowledged.
  interrupt = 3,
};

/// One endpoint: a number (0..15) and a direction.
struct Endpoint {
  /// The endpoint number.
  std::uint8_t number = 0;
  /// Which way its packets go.
  Direction direction = Direction::out;

  /// The endpoint's address as descriptors and requests spell it.
  [[nodiscard]] constexpr std::uint8_t address() const {
    return static_cast<std::uint8_t>(number |
                                     static_cast<std::uint8_t>(direction));
  }
  /// The endpoint an address names (bits 4..6 are ignored).
  [[nodiscard]] static constexpr Endpoint from_address(std::uint8_t address) {
    return Endpoint{static_cast<std::uint8_t>(address & 0x0F),
                    (address & 0x80) != 0 ? Direction::in : Direction::out};
  }
  /// Whether both name the same endpoint.
  friend constexpr bool operator==(Endpoint, Endpoint) = default;
};

/// The eight bytes of a SETUP packet as the controller received them; the
/// stack decodes them (capsules/usb/).
using SetupBytes = std::array<std::uint8_t, 8>;

/// The largest packet endpoint 0 moves, and the largest of any full-speed
/// bulk or interrupt endpoint.
inline constexpr std::size_t max_packet_size = 64;

/// What the controller tells the stack.
class LEASH_COMPONENT ControllerClient {
public:
  /// The host reset the bus: the device is in the default state, at
  /// address 0, with every endpoint but 0 disabled. Packets in flight came
  /// back before, cancelled.
  virtual void bus_reset() const = 0;

  /// A SETUP packet arrived on endpoint 0 and starts a new control
  /// transfer; one in progress is abandoned (its packet came back before,
  /// cancelled, and a stall ends).
  virtual void setup_received(const SetupBytes &setup) const = 0;

  /// The packet `send_packet` started on IN endpoint `number` was sent and
  /// acknowledged by the host (or cancelled); its lease comes back.
  virtual void packet_sent(std::uint8_t number,
                           leash::Lease<std::uint8_t> buffer,
                           Result result) const = 0;

  /// A packet of `length` bytes arrived on OUT endpoint `number` into the
  /// start of `buffer`'s window (or the request was cancelled: length 0).
  virtual void packet_received(std::uint8_t number,
                               leash::Lease<std::uint8_t> buffer,
                               std::size_t length, Result result) const = 0;

  /// The bus went idle (suspend) or woke up again (resume).
  virtual void suspend_changed(bool suspended) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~ControllerClient() = default;
};

/// A USB device controller.
class LEASH_COMPONENT Controller {
public:
  /// Sends later callbacks to `client`.
  virtual void set_client(const ControllerClient &client) const = 0;

  /// Powers the controller up and connects to the bus (the D+ pull-up), so
  /// that the host sees the device. `ErrorCode::off` without bus power.
  virtual Result attach() const = 0;

  /// Disconnects from the bus; packets in flight come back, cancelled.
  virtual void detach() const = 0;

  /// Records the address the host assigned with SET_ADDRESS; the controller
  /// answers on it from the end of that request's status stage on
  /// (controllers that do it in hardware, as the nRF52840, check it only).
  virtual void set_address(std::uint8_t address) const = 0;

  /// Enables `endpoint` (not 0) for `type` packets of at most
  /// `max_packet_size` bytes, with its data toggle reset (on
  /// SET_CONFIGURATION and SET_INTERFACE). `ErrorCode::invalid` for an
  /// endpoint, type or size the controller does not have.
  virtual Result enable_endpoint(Endpoint endpoint, TransferType type,
                                 std::size_t max_packet_size) const = 0;

  /// Disables `endpoint` (not 0); its packet in flight comes back,
  /// cancelled.
  virtual void disable_endpoint(Endpoint endpoint) const = 0;

  /// Sends the first `length` bytes of `buffer`'s window (0: a zero-length
  /// packet) as the next packet of IN endpoint `number`: on endpoint 0, a
  /// data-stage packet of a control read. `packet_sent` follows.
  virtual Refusal<leash::Lease<std::uint8_t>>
  send_packet(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
              std::size_t length) const = 0;

  /// Receives the next packet of OUT endpoint `number` into `buffer`'s
  /// window, which must hold the endpoint's maximum packet size: on endpoint
  /// 0, a data-stage packet of a control write. `packet_received` follows.
  virtual Refusal<leash::Lease<std::uint8_t>>
  receive_packet(std::uint8_t number,
                 leash::Lease<std::uint8_t> buffer) const = 0;

  /// Ends the current control transfer with its status stage (a zero-length
  /// packet against the data stage's direction): after the last data packet
  /// of a control read was sent or of a control write received, or at once
  /// for a transfer without data. No callback: the hardware reports no end
  /// of the status stage, and the next SETUP starts the next transfer.
  /// `ErrorCode::off` when no control transfer is in progress.
  virtual Result complete_control_status() const = 0;

  /// Stalls the current control transfer (a request the stack does not
  /// serve); the stall ends with the next SETUP. A packet in flight on
  /// endpoint 0 comes back, cancelled.
  virtual Result stall_control() const = 0;

  /// Halts (`halted`) or resumes `endpoint` (not 0): SET_FEATURE and
  /// CLEAR_FEATURE(ENDPOINT_HALT). Resuming resets the data toggle. A
  /// packet in flight comes back, cancelled, when the endpoint halts.
  virtual Result set_endpoint_halt(Endpoint endpoint, bool halted) const = 0;

  /// Whether `endpoint` is halted (GET_STATUS).
  [[nodiscard]] virtual bool is_endpoint_halted(Endpoint endpoint) const = 0;

protected:
  /// Drivers are never destroyed through this interface.
  ~Controller() = default;
};

} // namespace kernel::hil::usb

#endif // KERNEL_HIL_USB_H
