/// SerialEcho: received bytes go back out, two leases taking turns.
#include "serial_echo.h"

#include <string>
#include <utility>

namespace usb_host {
namespace {

/// bParityType's names (CDC PSTN 1.2 table 17).
const char *parity_name(std::uint8_t parity) {
  switch (parity) {
  case 0:
    return "none";
  case 1:
    return "odd";
  case 2:
    return "even";
  case 3:
    return "mark";
  case 4:
    return "space";
  default:
    return "invalid";
  }
}

/// bCharFormat's names.
const char *stop_bits_name(std::uint8_t stop_bits) {
  switch (stop_bits) {
  case 0:
    return "1";
  case 1:
    return "1.5";
  case 2:
    return "2";
  default:
    return "invalid";
  }
}

} // namespace

SerialEcho::SerialEcho(const capsules::usb::CdcAcm &port, EventSink events)
    : port_(port), events_(std::move(events)) {
  spare_.put(leash::Lease<std::uint8_t>::from(storage_[0]));
  second_spare_.put(leash::Lease<std::uint8_t>::from(storage_[1]));
  port_.set_client(*this);
  port_.set_transmit_client(*this);
  port_.set_receive_client(*this);
}

void SerialEcho::start() const {
  if (receiving_.get()) {
    return;
  }
  leash::Lease<std::uint8_t> buffer = spare_.take();
  if (buffer.is_empty()) {
    buffer = second_spare_.take();
    if (buffer.is_empty()) {
      return; // Both are echoing: the port NAKs the host meanwhile.
    }
  }
  kernel::hil::uart::BufferRefusal refusal =
      port_.receive(std::move(buffer), buffer_size);
  if (refusal) {
    // Not configured yet, or reset: tried again later.
    keep(std::move(refusal).value());
    return;
  }
  receiving_.set(true);
}

void SerialEcho::flush() const {
  if (receiving_.get()) {
    // Ends with `received` and the bytes so far (possibly none).
    static_cast<void>(port_.abort_receive());
  }
}

void SerialEcho::received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                          kernel::Result) const {
  receiving_.set(false);
  if (length == 0) {
    keep(std::move(buffer));
  } else {
    send(std::move(buffer), length);
  }
  start();
}

void SerialEcho::keep(leash::Lease<std::uint8_t> buffer) const {
  if (spare_.is_none()) {
    spare_.put(std::move(buffer));
  } else {
    second_spare_.put(std::move(buffer));
  }
}

void SerialEcho::send(leash::Lease<std::uint8_t> buffer,
                      std::size_t length) const {
  if (transmitting_.get()) {
    waiting_.put(std::move(buffer));
    waiting_length_.set(length);
    return;
  }
  kernel::hil::uart::BufferRefusal refusal =
      port_.transmit(std::move(buffer), length);
  if (refusal) {
    // The host went away: the bytes are dropped, as a serial line drops
    // them, and the lease waits for the next reception.
    events_("echo-dropped " + std::to_string(length));
    keep(std::move(refusal).value());
    return;
  }
  transmitting_.set(true);
}

void SerialEcho::transmitted(leash::Lease<std::uint8_t> buffer, std::size_t,
                             kernel::Result) const {
  transmitting_.set(false);
  keep(std::move(buffer));
  leash::Lease<std::uint8_t> waiting = waiting_.take();
  if (!waiting.is_empty()) {
    send(std::move(waiting), waiting_length_.get());
  }
  start();
}

void SerialEcho::control_lines_changed(bool dtr, bool rts) const {
  events_(std::string("control-lines dtr=") + (dtr ? "1" : "0") +
          " rts=" + (rts ? "1" : "0"));
  start();
}

void SerialEcho::line_coding_changed(
    const capsules::usb::LineCoding &coding) const {
  events_("line-coding " + std::to_string(coding.baud_rate) + " " +
          std::to_string(coding.data_bits) + " " + parity_name(coding.parity) +
          " " + stop_bits_name(coding.stop_bits));
}

void SerialEcho::break_requested(std::uint16_t milliseconds) const {
  events_("break " + std::to_string(milliseconds));
}

} // namespace usb_host
