/// SerialEcho: the bridge's serial port application, an echo over CDC-ACM.
#ifndef USB_HOST_BRIDGE_SERIAL_ECHO_H
#define USB_HOST_BRIDGE_SERIAL_ECHO_H

#include "bridged_device.h"
#include "capsules/usb/cdc_acm.h"
#include "kernel/hil/uart.h"

#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>

namespace usb_host {

/// Sends back every byte the host writes to the serial port, through the
/// port's UART interface as any kernel client would, and reports the host's
/// line coding and control line changes as events.
///
/// Two leases take turns: one receives while the other is transmitted, so
/// that both directions of the bus stay busy; while both are out, the port
/// NAKs the host (its back-pressure). The UART interface ends a reception
/// only when its length is reached, so `flush` (the bridge calls it when
/// the bus is quiet, as a UART's receive timeout would) aborts the
/// reception to send what arrived so far.
class SerialEcho final : public kernel::hil::uart::TransmitClient,
                         public kernel::hil::uart::ReceiveClient,
                         public capsules::usb::CdcAcmClient {
public:
  /// The size of each of the two leases: large enough that the host's
  /// writes stream (at 512 bytes the echo reached about 70% of the bare
  /// echo's throughput through Linux, at 4096 about 95%).
  static constexpr std::size_t buffer_size = 4096;

  /// The echo of `port`, reporting to `events`; it makes itself the port's
  /// client.
  SerialEcho(const capsules::usb::CdcAcm &port, EventSink events);

  /// Starts a reception when a lease is free and the port takes it (it
  /// refuses while the host has not configured the device).
  void start() const;
  /// Sends what a reception holds so far.
  void flush() const;

  // kernel::hil::uart::TransmitClient

  /// The echoed bytes went out: the lease receives again.
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override;

  // kernel::hil::uart::ReceiveClient

  /// Bytes arrived: they go back out.
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result result) const override;

  // capsules::usb::CdcAcmClient

  /// Reported as `control-lines dtr=D rts=R`.
  void control_lines_changed(bool dtr, bool rts) const override;
  /// Reported as `line-coding RATE DATABITS PARITY STOPBITS`.
  void
  line_coding_changed(const capsules::usb::LineCoding &coding) const override;
  /// Reported as `break MILLISECONDS`.
  void break_requested(std::uint16_t milliseconds) const override;

private:
  /// Transmits `buffer`'s first `length` bytes now, or after the
  /// transmission in flight.
  void send(leash::Lease<std::uint8_t> buffer, std::size_t length) const;

  /// Keeps a lease that is neither receiving nor transmitting.
  void keep(leash::Lease<std::uint8_t> buffer) const;

  /// The serial port.
  const capsules::usb::CdcAcm &port_;
  /// Where events go.
  EventSink events_;
  /// The leases' storage.
  std::uint8_t storage_[2][buffer_size] = {};
  /// A lease neither receiving nor transmitting.
  leash::TakeCell<leash::Lease<std::uint8_t>> spare_;
  /// The other spare (both are spare before the host opens the port).
  leash::TakeCell<leash::Lease<std::uint8_t>> second_spare_;
  /// Received bytes waiting for the transmission in flight to end.
  leash::TakeCell<leash::Lease<std::uint8_t>> waiting_;
  /// How many bytes `waiting_` holds.
  leash::Cell<std::size_t> waiting_length_;
  /// Whether a reception is with the port.
  leash::Cell<bool> receiving_;
  /// Whether a transmission is with the port.
  leash::Cell<bool> transmitting_;
};

} // namespace usb_host

#endif // USB_HOST_BRIDGE_SERIAL_ECHO_H
