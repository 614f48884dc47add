/// The nRF52840 USBD driver: the USB device HIL over EasyDMA, one packet at a
/// time.
#ifndef CHIPS_NRF52840_USBD_H
#define CHIPS_NRF52840_USBD_H

#include "chips/nrf52840/usbd_registers.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/usb.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace chips::nrf52840 {

/// A driver for the nRF52840's USB device controller (USBD). It implements
/// the USB HIL packet by packet: a request parks the packet's lease with its
/// endpoint and queues the endpoint for EasyDMA; the hardware moves the
/// packet between Data RAM and the endpoint's buffer (STARTEPIN/STARTEPOUT
/// to ENDEPIN/ENDEPOUT) and between that buffer and the bus (EP0DATADONE,
/// EPDATA) by itself; the bottom half, run by the chip from the kernel loop,
/// hands the lease back.
///
/// The USBD runs one EasyDMA transfer at a time across all its endpoints
/// (nrfx: "a new transfer cannot be started when there is an ongoing
/// transfer on any other channel"), so this driver has exactly one
/// LEASH_IN_FLIGHT cell, `dma_buffer_`: the lease of the transfer EasyDMA
/// runs, from its START task to its END event. Every other lease it holds
/// (a packet waiting for the DMA slot, an IN packet the hardware already
/// copied and the host has not yet fetched, an OUT request waiting for the
/// host's data) sits in its endpoint's ordinary cell, because the hardware
/// does not own its memory then. Endpoints that want the DMA slot while it
/// is busy are queued (state `dma_queued`) and started, in a fixed order
/// (endpoint 0, then IN 1..7, then OUT 1..7), at each END event.
///
/// SET_ADDRESS is answered by the hardware, status stage included:
/// `set_address` only records the address, and `complete_control_status`
/// triggers nothing for that request. Cancellations caused by a bus reset
/// or a SETUP are delivered from the bottom half before the callback that
/// reports the cause; those caused by a request (`detach`, `stall_control`,
/// `disable_endpoint`, `set_endpoint_halt`) from a deferred call, so that no
/// callback comes from inside a request.
class LEASH_COMPONENT Usbd final : public kernel::hil::usb::Controller,
                                   public kernel::DeferredCallClient {
public:
  /// A driver for the USBD whose registers are `registers`, with the USB
  /// part of the POWER block `power` and the errata registers `errata` (all
  /// obtained through the unsafe `registers::block_at`, which carries the
  /// promise that this driver is their only owner).
  Usbd(UsbdRegisters &registers, PowerUsbRegisters &power,
       UsbdErrataRegisters &errata);

  // kernel::hil::usb::Controller

  /// Sends later callbacks to `client`.
  void
  set_client(const kernel::hil::usb::ControllerClient &client) const override;
  /// Powers the USBD up (with the errata writes around ENABLE) and connects
  /// the D+ pull-up; `ErrorCode::off` without VBUS or without a client.
  kernel::Result attach() const override;
  /// Disconnects and powers the USBD down; packets come back cancelled from
  /// a deferred call.
  void detach() const override;
  /// Records the address (the hardware applies it by itself).
  void set_address(std::uint8_t address) const override;
  /// Enables bulk or interrupt endpoint 1..7 (an OUT endpoint is armed for
  /// its first packet at once). An endpoint already enabled, or disabled
  /// with its cancelled packet not yet handed back, is enabled all the
  /// same: its data toggle resets, a packet in flight keeps going.
  kernel::Result enable_endpoint(kernel::hil::usb::Endpoint endpoint,
                                 kernel::hil::usb::TransferType type,
                                 std::size_t max_packet_size) const override;
  /// Disables endpoint 1..7; its packet comes back cancelled.
  void disable_endpoint(kernel::hil::usb::Endpoint endpoint) const override;
  /// Queues an IN packet (see the HIL).
  kernel::Refusal<leash::Lease<std::uint8_t>>
  send_packet(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
              std::size_t length) const override;
  /// Queues an OUT packet's reception (see the HIL).
  kernel::Refusal<leash::Lease<std::uint8_t>>
  receive_packet(std::uint8_t number,
                 leash::Lease<std::uint8_t> buffer) const override;
  /// Triggers EP0STATUS (nothing for SET_ADDRESS); `ErrorCode::busy` while an
  /// endpoint 0 packet is out.
  kernel::Result complete_control_status() const override;
  /// Triggers EP0STALL; an endpoint 0 packet comes back cancelled.
  kernel::Result stall_control() const override;
  /// Writes EPSTALL (and resets the data toggle on resume).
  kernel::Result set_endpoint_halt(kernel::hil::usb::Endpoint endpoint,
                                   bool halted) const override;
  /// Reads HALTED.
  [[nodiscard]] bool
  is_endpoint_halted(kernel::hil::usb::Endpoint endpoint) const override;

  // kernel::DeferredCallClient

  /// Hands back the leases of packets that a request cancelled.
  void handle_deferred_call() const override;

  /// The bottom half, called by the chip from the kernel loop after the
  /// USBD's interrupt: handles the pending events in ascending order of
  /// their INTEN bits, EP0SETUP last.
  void handle_interrupt() const;

  /// The address `set_address` recorded (0 after a bus reset).
  [[nodiscard]] std::uint8_t recorded_address() const { return address_.get(); }

private:
  /// Whether the controller is on the bus.
  enum class ControllerState : std::uint8_t {
    /// Powered down, pull-up off: every request but `attach` is refused.
    detached,
    /// Enabled and connected: the host sees the device.
    attached,
  };

  /// Where the current control transfer is.
  enum class ControlState : std::uint8_t {
    /// No control transfer (before the first SETUP, after a bus reset).
    idle,
    /// A SETUP arrived; the stack moves its data stage packet by packet.
    data_stage,
    /// The status stage was let through (EP0STATUS, or the hardware's own
    /// for SET_ADDRESS): the transfer is over for the driver.
    status,
    /// The transfer was stalled until the next SETUP.
    stalled,
  };

  /// Where one endpoint's packet is (Tock's BulkInState, for both
  /// directions and endpoint 0).
  enum class EndpointState : std::uint8_t {
    /// Not enabled (endpoints 1..7 until `enable_endpoint`).
    disabled,
    /// Enabled, no request.
    idle,
    /// OUT only: a request's lease waits for the host's packet.
    waiting,
    /// The packet waits for the DMA slot; its lease is in the endpoint's
    /// cell.
    dma_queued,
    /// EasyDMA moves the packet; its lease is in `dma_buffer_`.
    in_dma,
    /// IN only: EasyDMA copied the packet; the host has not fetched it
    /// yet. The lease is back in the endpoint's cell.
    in_data,
    /// The request was cancelled; a deferred call hands the lease back.
    cancelled,
  };

  /// What endpoint 0 asks of the hardware once the DMA slot is free (nrfx
  /// and TinyUSB #898: EP0RCVOUT and EP0STATUS are not triggered while
  /// EasyDMA runs).
  enum class Endpoint0Task : std::uint8_t {
    /// Nothing.
    none,
    /// EP0RCVOUT: accept the next OUT data packet.
    receive_out,
    /// EP0STATUS: let the status stage complete.
    status,
  };

  /// One direction of one endpoint: its state and the lease it holds while
  /// the hardware does not own it.
  struct EndpointSlot {
    /// Where its packet is.
    leash::Cell<EndpointState> state{EndpointState::disabled};
    /// The request's lease, outside the DMA.
    leash::TakeCell<leash::Lease<std::uint8_t>> buffer;
    /// IN: how many bytes to send; OUT: the size of the arrived packet.
    leash::Cell<std::uint8_t> length{0};
    /// OUT only: a packet arrived before any request asked for it.
    leash::Cell<bool> packet_ready{false};
    /// The endpoint's maximum packet size.
    leash::Cell<std::uint8_t> max_packet{64};
  };

  // usbd.cpp: power, bus events, cancellation.

  /// The slot of endpoint `number` in direction `in`.
  [[nodiscard]] const EndpointSlot &slot(bool in, std::uint8_t number) const;
  /// Writes the errata 171 and 187 registers (`value` 0xC0/3 before
  /// ENABLE, 0 after READY) through the unlock register.
  void write_enable_errata(bool begin) const;
  /// USBRESET: cancels every packet, then tells the client.
  void handle_bus_reset() const;
  /// USBEVENT: suspend and resume.
  void handle_usb_event() const;
  /// Marks the packet of endpoint `number` in direction `in` cancelled,
  /// reclaiming it from the DMA first if need be; returns whether there was
  /// one.
  bool cancel_packet(bool in, std::uint8_t number) const;
  /// Cancels the packet of every endpoint and leaves only endpoint 0
  /// enabled (a bus reset, a detach).
  void cancel_every_packet() const;
  /// Hands every cancelled packet's lease back now.
  void deliver_cancellations() const;
  /// The state an endpoint returns to once its packet is gone.
  [[nodiscard]] EndpointState resting_state(bool in, std::uint8_t number) const;

  // usbd_control.cpp: endpoint 0.

  /// EP0SETUP: cancels the endpoint 0 packets, reads the SETUP bytes, tells
  /// the client.
  void handle_setup() const;
  /// EP0DATADONE: a data-stage packet moved on the bus.
  void handle_endpoint0_data_done() const;
  /// Asks for `task`, now if the DMA slot is free, else at its END.
  void request_endpoint0_task(Endpoint0Task task) const;

  // usbd_endpoints.cpp: packets.

  /// Why a request on `number` in direction `in` for `length` bytes of a
  /// `window`-byte lease is refused, if it is.
  [[nodiscard]] std::optional<kernel::ErrorCode>
  refusal_reason(bool in, std::uint8_t number, std::size_t length,
                 std::size_t window) const;
  /// ENDEPIN[n] and ENDEPOUT[n]: EasyDMA finished.
  void handle_dma_end(bool in, std::uint8_t number) const;
  /// EPDATA: packets moved on the bus for the endpoints EPDATASTATUS names.
  void handle_endpoint_data() const;
  /// Calls the client back for a finished or cancelled packet.
  void hand_back(bool in, std::uint8_t number,
                 leash::Lease<std::uint8_t> buffer, std::size_t length,
                 kernel::Result result) const;

  // usbd_dma.cpp: the single EasyDMA slot.

  /// Queues the packet of `slot` for the DMA slot and starts it if free.
  void queue_dma(bool in, std::uint8_t number) const;
  /// Starts the next queued transfer (or endpoint 0 task) if the slot is
  /// free.
  void start_next_dma() const;
  /// Starts EasyDMA on the packet of endpoint `number` in direction `in`.
  void start_dma(bool in, std::uint8_t number) const;
  /// Ends the running transfer at its END event: the lease leaves the
  /// in-flight cell and goes back to its endpoint's cell; returns AMOUNT.
  std::size_t finish_dma(bool in, std::uint8_t number) const;
  /// Waits for the running transfer's END event (a packet takes EasyDMA
  /// microseconds) and finishes it, so that its lease can be cancelled.
  void reclaim_dma() const;
  /// The END event of endpoint `number` in direction `in`.
  [[nodiscard]] UsbdEvent &end_event(bool in, std::uint8_t number) const;

  /// The USBD's registers, owned by this driver.
  UsbdRegisters &registers_;
  /// The USB part of POWER (VBUS, regulator).
  PowerUsbRegisters &power_;
  /// The errata registers around ENABLE.
  UsbdErrataRegisters &errata_;

  /// Who hears about packets and the bus.
  leash::OptionalCell<const kernel::hil::usb::ControllerClient *> client_;
  /// Whether the controller is on the bus.
  leash::Cell<ControllerState> controller_state_{ControllerState::detached};
  /// The current control transfer's state.
  leash::Cell<ControlState> control_state_{ControlState::idle};
  /// Whether the current control transfer's data stage goes to the host.
  leash::Cell<bool> control_in_{false};
  /// Whether the current control transfer is SET_ADDRESS (the hardware's).
  leash::Cell<bool> control_is_set_address_{false};
  /// What endpoint 0 waits to ask of the hardware.
  leash::Cell<Endpoint0Task> endpoint0_task_{Endpoint0Task::none};
  /// The address the stack recorded.
  leash::Cell<std::uint8_t> address_{0};
  /// Whether the bus is suspended.
  leash::Cell<bool> suspended_{false};

  /// IN endpoints 0..7.
  std::array<EndpointSlot, usbd_endpoint_count> in_;
  /// OUT endpoints 0..7.
  std::array<EndpointSlot, usbd_endpoint_count> out_;

  /// Whether EasyDMA runs a transfer (the single slot is taken).
  leash::Cell<bool> dma_running_{false};
  /// The direction of the running transfer's endpoint (IN: true).
  leash::Cell<bool> dma_in_{false};
  /// The running transfer's endpoint number.
  leash::Cell<std::uint8_t> dma_number_{0};
  /// The lease EasyDMA reads or writes, from STARTEP* to ENDEP*.
  LEASH_IN_FLIGHT leash::TakeCell<leash::Lease<std::uint8_t>> dma_buffer_;

  /// Delivers cancellations that requests caused.
  kernel::DeferredCall deferred_call_;
};

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_USBD_H
