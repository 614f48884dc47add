/// CdcAcm: a USB virtual serial port, as a class driver and as a UART.
#ifndef CAPSULES_USB_CDC_ACM_H
#define CAPSULES_USB_CDC_ACM_H

#include "capsules/usb/class_driver.h"
#include "capsules/usb/configuration_builder.h"
#include "capsules/usb/setup_packet.h"
#include "kernel/deferred_call.h"
#include "kernel/hil/uart.h"
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
#include <span>

namespace capsules::usb {

/// The class requests and notification of a CDC-ACM function (PSTN 1.2
/// section 6.3, tables 13 and 31).
namespace cdc_request {
/// SET_LINE_CODING: 7 bytes OUT.
inline constexpr std::uint8_t set_line_coding = 0x20;
/// GET_LINE_CODING: 7 bytes IN.
inline constexpr std::uint8_t get_line_coding = 0x21;
/// SET_CONTROL_LINE_STATE: DTR (bit 0) and RTS (bit 1) in wValue.
inline constexpr std::uint8_t set_control_line_state = 0x22;
/// SEND_BREAK: the break's duration in milliseconds in wValue.
inline constexpr std::uint8_t send_break = 0x23;
/// bNotification of SERIAL_STATE.
inline constexpr std::uint8_t serial_state_notification = 0x20;
/// bmRequestType of a notification: device to host, class, interface.
inline constexpr std::uint8_t notification_request_type = 0xA1;
/// The line coding structure's length (PSTN 1.2 table 17).
inline constexpr std::size_t line_coding_length = 7;
/// A SERIAL_STATE notification's length: 8 header bytes and a 2-byte
/// bitmap.
inline constexpr std::size_t serial_state_length = 10;
} // namespace cdc_request

/// The bits of the SERIAL_STATE bitmap (PSTN 1.2 table 31).
namespace serial_state {
/// bRxCarrier: DCD.
inline constexpr std::uint16_t dcd = 1U << 0U;
/// bTxCarrier: DSR.
inline constexpr std::uint16_t dsr = 1U << 1U;
/// bBreak: a break was detected.
inline constexpr std::uint16_t break_detected = 1U << 2U;
/// bRingSignal.
inline constexpr std::uint16_t ring = 1U << 3U;
/// bFraming: a framing error.
inline constexpr std::uint16_t framing = 1U << 4U;
/// bParity: a parity error.
inline constexpr std::uint16_t parity = 1U << 5U;
/// bOverRun: received data was lost.
inline constexpr std::uint16_t overrun = 1U << 6U;
/// The bits that report a state (kept until changed); the others report
/// an event and are cleared once a notification carried them, as PSTN 1.2
/// section 6.5.4 asks.
inline constexpr std::uint16_t steady = dcd | dsr;
} // namespace serial_state

/// The line coding the host set (PSTN 1.2 table 17), decoded.
struct LineCoding {
  /// dwDTERate: bits per second.
  std::uint32_t baud_rate = 115200;
  /// bCharFormat: 0 one stop bit, 1 one and a half, 2 two.
  std::uint8_t stop_bits = 0;
  /// bParityType: 0 none, 1 odd, 2 even, 3 mark, 4 space.
  std::uint8_t parity = 0;
  /// bDataBits: 5, 6, 7, 8 or 16.
  std::uint8_t data_bits = 8;
};

/// Told what the host does to the port's control lines.
class LEASH_COMPONENT CdcAcmClient {
public:
  /// SET_CONTROL_LINE_STATE: the host raised or dropped DTR and RTS (a
  /// terminal program opens the port with DTR raised).
  virtual void control_lines_changed(bool dtr, bool rts) const = 0;
  /// SET_LINE_CODING: the host chose new line settings.
  virtual void line_coding_changed(const LineCoding &coding) const = 0;
  /// SEND_BREAK: a break of `milliseconds` (0xFFFF: until the next
  /// SEND_BREAK of 0).
  virtual void break_requested(std::uint16_t milliseconds) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~CdcAcmClient() = default;
};

/// A CDC-ACM serial port (TinyUSB's cdc_device.c as a component): the class
/// driver of one `CdcAcmFunction` of the configuration, and a
/// `kernel::hil::uart::Uart` for the rest of the kernel, so that the console
/// (or a MuxUart) runs over USB unchanged.
///
/// Leases. The driver owns three: a notification lease (at least 10
/// bytes), a bulk IN packet lease and a bulk OUT packet lease (64 bytes
/// each). A client's transmit lease is not handed to the controller: each
/// packet is copied into the IN packet lease, and the client's lease stays
/// in the driver, untouched by hardware, until the whole transmission ended
/// (so an abort or a bus reset returns it at once, whatever the controller
/// still holds). Received bytes are copied from the OUT packet lease into the
/// client's lease by index.
///
/// Receive back-pressure: the OUT packet is armed only while its lease holds
/// no unread bytes; bytes that arrive with no reception requested wait in the
/// packet lease and the host is NAKed until a reception takes them (nothing is
/// lost, as TinyUSB's FIFO does it).
///
/// "Off" (`ErrorCode::off` from `transmit` and `receive`): the configuration
/// is not selected, or no client is set. DTR is not required: a port that is
/// configured but not opened by a terminal still accepts transmissions,
/// which complete when the host reads.
///
/// Split by concern: `cdc_acm.cpp` (set-up, bus events, packet routing,
/// notifications), `cdc_acm_requests.cpp` (the class requests),
/// `cdc_acm_transmit.cpp`, `cdc_acm_receive.cpp`.
class LEASH_COMPONENT CdcAcm final : public ClassDriver,
                                     public kernel::hil::uart::Uart,
                                     public kernel::DeferredCallClient {
public:
  /// The port of the function at `function` (its `FunctionPlacement` from
  /// `build_device`, whose `first_interface` is the communication interface)
  /// on `controller`, with its three leases (see the class comment).
  CdcAcm(const kernel::hil::usb::Controller &controller,
         const FunctionPlacement &function,
         leash::Lease<std::uint8_t> notification_buffer,
         leash::Lease<std::uint8_t> in_packet_buffer,
         leash::Lease<std::uint8_t> out_packet_buffer);

  /// Sends control line events to `client`.
  void set_client(const CdcAcmClient &client) const;

  /// Sets the SERIAL_STATE bitmap (`serial_state::*` bits); a notification
  /// follows while configured when the bits differ from the last ones sent.
  void set_serial_state(std::uint16_t bits) const;

  /// The line coding, as the host or `configure` set it last.
  [[nodiscard]] LineCoding line_coding() const;
  /// Whether the host raised DTR.
  [[nodiscard]] bool dtr() const { return (control_lines_.get() & 1U) != 0; }
  /// Whether the host raised RTS.
  [[nodiscard]] bool rts() const { return (control_lines_.get() & 2U) != 0; }
  /// Whether the configuration is selected.
  [[nodiscard]] bool is_configured() const { return configured_.get(); }
  /// Whether all three of the driver's own leases are home (none with the
  /// controller).
  [[nodiscard]] bool buffers_are_home() const;

  // ClassDriver

  /// Forgets the port's state; transfers in progress end cancelled.
  void reset() const override;
  /// Starts (arms the OUT packet, sends SERIAL_STATE) or stops the port.
  void configured(bool active) const override;
  /// The CDC-ACM class requests to the communication interface.
  [[nodiscard]] bool accept_setup(const SetupPacket &setup) const override;
  /// GET_LINE_CODING's bytes.
  std::size_t control_in_data(const SetupPacket &setup, std::size_t offset,
                              std::span<std::uint8_t> out) const override;
  /// SET_LINE_CODING's bytes.
  [[nodiscard]] bool control_out_data(const SetupPacket &setup,
                                      std::size_t offset,
                                      std::span<const std::uint8_t> data,
                                      bool last) const override;
  /// A notification or a bulk IN packet was sent.
  void packet_sent(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                   kernel::Result result) const override;
  /// A bulk OUT packet arrived.
  void packet_received(std::uint8_t number, leash::Lease<std::uint8_t> buffer,
                       std::size_t length,
                       kernel::Result result) const override;
  /// A halted endpoint stops its packets; resumed, they start again.
  void endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                             bool halted) const override;
  /// Nothing to do: the host resumes before it moves data.
  void suspend_changed(bool suspended) const override;

  // kernel::hil::uart::Uart

  /// Records the baud rate as the line coding GET_LINE_CODING reports (USB
  /// has no line); `ErrorCode::invalid` for 0, `ErrorCode::busy` during a
  /// transfer.
  kernel::Result
  configure(const kernel::hil::uart::Parameters &parameters) const override;
  /// Sends later transmit callbacks to `client`.
  void set_transmit_client(
      const kernel::hil::uart::TransmitClient &client) const override;
  /// Sends the bytes in packets of at most 64 (and a zero-length packet
  /// after a last full one); refused as the HIL says, and with
  /// `ErrorCode::busy` while the previous transmission's last packet is
  /// still with the controller.
  kernel::hil::uart::BufferRefusal transmit(leash::Lease<std::uint8_t> buffer,
                                            std::size_t length) const override;
  /// Ends the transmission at the next packet boundary with
  /// `ErrorCode::cancel` and the count the host acknowledged.
  kernel::Result abort_transmit() const override;
  /// Sends later receive callbacks to `client`.
  void set_receive_client(
      const kernel::hil::uart::ReceiveClient &client) const override;
  /// Receives `length` bytes; refused as the HIL says.
  kernel::hil::uart::BufferRefusal receive(leash::Lease<std::uint8_t> buffer,
                                           std::size_t length) const override;
  /// Ends the reception (later, from a deferred call) with
  /// `ErrorCode::cancel` and the bytes received so far.
  kernel::Result abort_receive() const override;

  // kernel::DeferredCallClient

  /// Delivers waiting bytes to a new reception, and ends aborted transfers.
  void handle_deferred_call() const override;

private:
  /// Where the transmission is.
  enum class TransmitState : std::uint8_t {
    /// None.
    idle,
    /// Packets are going out.
    sending,
    /// The last packet was a full one: a zero-length packet ends it.
    sending_zlp,
    /// Aborted: ends when the packet in flight comes back.
    aborting,
  };

  /// Where the reception is.
  enum class ReceiveState : std::uint8_t {
    /// None.
    idle,
    /// Bytes are going into the client's lease.
    receiving,
    /// Aborted: the deferred call ends it.
    aborting,
  };

  // Class requests (cdc_acm_requests.cpp).

  /// Whether `setup` is a class request this port serves, well formed.
  [[nodiscard]] bool is_served_request(const SetupPacket &setup) const;
  /// SET_CONTROL_LINE_STATE: remembers the lines and tells the client.
  void set_control_lines(std::uint16_t value) const;

  // Notifications (cdc_acm.cpp).

  /// Sends SERIAL_STATE if one is due and the notification lease is home.
  void send_notification() const;

  // Transmit (cdc_acm_transmit.cpp).

  /// Sends the next packet of the transmission (or its zero-length end).
  void send_next_packet() const;
  /// A bulk IN packet came back.
  void data_packet_sent(leash::Lease<std::uint8_t> buffer,
                        kernel::Result result) const;
  /// Hands the client's lease back with `result`.
  void end_transmission(kernel::Result result) const;

  // Receive (cdc_acm_receive.cpp).

  /// Arms the OUT packet if configured, resumed, home and empty.
  void arm_receive() const;
  /// Moves waiting bytes into the client's lease; ends the reception when
  /// it is full.
  void deliver_waiting_bytes() const;
  /// Hands the client's lease back with `result`.
  void end_reception(kernel::Result result) const;

  /// Ends both transfers with `ErrorCode::cancel` and forgets waiting bytes
  /// (bus reset, deconfiguration).
  void stop() const;

  /// The USB device controller.
  const kernel::hil::usb::Controller &controller_;
  /// The communication interface's number.
  const std::uint8_t communication_interface_;
  /// The notification endpoint's number.
  const std::uint8_t notification_endpoint_;
  /// The bulk IN endpoint's number.
  const std::uint8_t data_in_endpoint_;
  /// The bulk OUT endpoint's number.
  const std::uint8_t data_out_endpoint_;

  /// Who hears about control lines.
  leash::OptionalCell<const CdcAcmClient *> client_;
  /// Who hears about transmissions.
  leash::OptionalCell<const kernel::hil::uart::TransmitClient *>
      transmit_client_;
  /// Who hears about receptions.
  leash::OptionalCell<const kernel::hil::uart::ReceiveClient *> receive_client_;
  /// Runs deliveries and aborts from the kernel loop.
  kernel::DeferredCall deferred_call_;

  /// Whether the configuration is selected.
  leash::Cell<bool> configured_;
  /// Whether the host halted the bulk IN endpoint.
  leash::Cell<bool> in_halted_;
  /// Whether the host halted the bulk OUT endpoint.
  leash::Cell<bool> out_halted_;
  /// Whether the OUT packet is armed once it comes back: it was still with
  /// the controller, from the previous configuration, when this one began.
  /// A packet cancelled otherwise (bus reset, halt, disable) is not re-armed:
  /// its cause's own callback says when to start again.
  leash::Cell<bool> restart_out_;
  /// The same for the bulk IN packet (after a halt ended before its
  /// cancelled packet came back).
  leash::Cell<bool> restart_in_;
  /// The same for the notification lease.
  leash::Cell<bool> restart_notification_;
  /// The line coding's seven bytes, as GET_LINE_CODING returns them.
  leash::Cell<std::array<std::uint8_t, cdc_request::line_coding_length>>
      line_coding_;
  /// SET_LINE_CODING's data stage as it arrives.
  leash::Cell<std::array<std::uint8_t, cdc_request::line_coding_length>>
      incoming_line_coding_;
  /// wValue of the last SET_CONTROL_LINE_STATE.
  leash::Cell<std::uint16_t> control_lines_;

  /// The SERIAL_STATE bitmap to report.
  leash::Cell<std::uint16_t> serial_state_;
  /// Whether a notification is due.
  leash::Cell<bool> notification_due_;
  /// The notification lease while no notification is in flight.
  leash::TakeCell<leash::Lease<std::uint8_t>> notification_buffer_;

  /// The transmission's state.
  leash::Cell<TransmitState> transmit_state_{TransmitState::idle};
  /// The client's transmit lease during a transmission (never given to the
  /// controller).
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_buffer_;
  /// How many bytes to send.
  leash::Cell<std::size_t> transmit_length_;
  /// How many the host acknowledged.
  leash::Cell<std::size_t> transmit_sent_;
  /// How many the packet in flight carries.
  leash::Cell<std::size_t> transmit_in_flight_;
  /// The bulk IN packet lease while no packet is in flight.
  leash::TakeCell<leash::Lease<std::uint8_t>> in_packet_;

  /// The reception's state.
  leash::Cell<ReceiveState> receive_state_{ReceiveState::idle};
  /// The client's receive lease during a reception.
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_buffer_;
  /// How many bytes to receive.
  leash::Cell<std::size_t> receive_length_;
  /// How many arrived.
  leash::Cell<std::size_t> receive_count_;
  /// The bulk OUT packet lease while not armed; it may hold unread bytes.
  leash::TakeCell<leash::Lease<std::uint8_t>> out_packet_;
  /// Where the unread bytes in `out_packet_` start.
  leash::Cell<std::size_t> waiting_offset_;
  /// How many unread bytes it holds.
  leash::Cell<std::size_t> waiting_length_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_CDC_ACM_H
