/// The nRF52840 UARTE driver: EasyDMA reception.
#include "chips/nrf52840/easy_dma.h"
#include "chips/nrf52840/uarte.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace chips::nrf52840 {

void Uarte::set_receive_client(
    const kernel::hil::uart::ReceiveClient &client) const {
  receive_client_.set(&client);
}

kernel::hil::uart::BufferRefusal
Uarte::receive(leash::Lease<std::uint8_t> buffer, std::size_t length) const {
  using Refused = kernel::hil::uart::BufferRefusal;
  // MAXCNT counts 16 bits: EasyDMA takes at most that much of the window,
  // so a longer length is refused as beyond the window (ErrorCode::size).
  const std::size_t window = std::min(buffer.size(), maximum_transfer);
  if (const auto reason = kernel::hil::uart::refusal_reason(
          receive_state_.get() != ReceiveState::idle, length, window,
          receive_client_.is_some() && enabled())) {
    return Refused::refused(*reason, std::move(buffer));
  }
  // An error from between receptions (the FIFO overflowed while nobody
  // listened) is not this reception's.
  registers_.event_error.set(0);
  registers_.error_source.write(
      UarteErrorSource::overrun.set() | UarteErrorSource::parity.set() |
      UarteErrorSource::framing.set() | UarteErrorSource::line_break.set());
  LEASH_UNSAFE_BLOCK("EasyDMA writes these bytes until ENDRX; their lease "
                     "waits in the in-flight receive_buffer_ until the "
                     "reception ends, and the address goes nowhere but "
                     "RXD.PTR") {
    registers_.rxd.pointer.set(easy_dma_address(buffer.raw_data()));
  }
  registers_.rxd.maximum_count.set(static_cast<std::uint32_t>(length));
  receive_buffer_.put(std::move(buffer));
  receive_state_.set(ReceiveState::receiving);
  registers_.start_rx.write(Signal::active.set());
  return Refused::accepted();
}

kernel::Result Uarte::abort_receive() const {
  if (receive_state_.get() != ReceiveState::receiving) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  // STOPRX always ends with RXTO (after an ENDRX for the buffer in use), so
  // the bottom half finishes the abort; no deferred call is needed.
  receive_state_.set(ReceiveState::aborting);
  registers_.stop_rx.write(Signal::active.set());
  return kernel::Result::ok();
}

void Uarte::handle_receive_events() const {
  // ERROR first: an error and the ENDRX of a buffer that filled up at the
  // same time end the reception as failed, not as complete.
  if (registers_.event_error.is_set(Signal::active)) {
    registers_.event_error.set(0);
    const std::uint32_t sources = registers_.error_source.get();
    registers_.error_source.set(sources); // Write 1 clears.
    if (receive_state_.get() == ReceiveState::receiving) {
      // EasyDMA keeps the buffer until the receiver stops: stop it, and
      // end the reception at RXTO with the bytes received.
      receive_state_.set(ReceiveState::failing);
      registers_.stop_rx.write(Signal::active.set());
    }
  }
  if (registers_.event_end_rx.is_set(Signal::active)) {
    registers_.event_end_rx.set(0);
    if (receive_state_.get() == ReceiveState::receiving) {
      finish_receive(kernel::Result::ok());
    }
    // While aborting or failing, the stop's RXTO ends the reception.
  }
  if (registers_.event_rx_timeout.is_set(Signal::active)) {
    registers_.event_rx_timeout.set(0);
    switch (receive_state_.get()) {
    case ReceiveState::aborting:
      finish_receive(kernel::Result::failure(kernel::ErrorCode::cancel));
      break;
    case ReceiveState::failing:
      finish_receive(kernel::Result::failure(kernel::ErrorCode::fail));
      break;
    case ReceiveState::idle:
    case ReceiveState::receiving:
      break; // Not a stop this driver asked for.
    }
  }
}

void Uarte::finish_receive(kernel::Result result) const {
  receive_state_.set(ReceiveState::idle);
  // ENDRX or RXTO: EasyDMA wrote its last byte, the buffer is the driver's
  // again, and RXD.AMOUNT says how many bytes it holds.
  const std::size_t received = registers_.rxd.amount.get();
  leash::Lease<std::uint8_t> buffer = receive_buffer_.take();
  const auto client = receive_client_.get();
  if (!client.has_value()) {
    // Unreachable (requests without a client are refused, and a client is
    // never unset), but never drop a lease: keep it.
    receive_buffer_.put(std::move(buffer));
    return;
  }
  (*client)->received(std::move(buffer), received, result);
}

} // namespace chips::nrf52840
