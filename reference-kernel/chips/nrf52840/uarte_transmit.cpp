/// The nRF52840 UARTE driver: EasyDMA transmission.
#include "chips/nrf52840/easy_dma.h"
#include "chips/nrf52840/uarte.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace chips::nrf52840 {

void Uarte::set_transmit_client(
    const kernel::hil::uart::TransmitClient &client) const {
  transmit_client_.set(&client);
}

kernel::hil::uart::BufferRefusal
Uarte::transmit(leash::Lease<std::uint8_t> buffer, std::size_t length) const {
  using Refused = kernel::hil::uart::BufferRefusal;
  // MAXCNT counts 16 bits: EasyDMA takes at most that much of the window,
  // so a longer length is refused as beyond the window (ErrorCode::size).
  const std::size_t window = std::min(buffer.size(), maximum_transfer);
  if (const auto reason = kernel::hil::uart::refusal_reason(
          transmit_state_.get() != TransmitState::idle, length, window,
          transmit_client_.is_some() && enabled())) {
    return Refused::refused(*reason, std::move(buffer));
  }
  LEASH_UNSAFE_BLOCK("EasyDMA reads these bytes until ENDTX; their lease "
                     "waits in the in-flight transmit_buffer_ until then, and "
                     "the address goes nowhere but TXD.PTR") {
    registers_.txd.pointer.set(easy_dma_address(buffer.raw_data()));
  }
  registers_.txd.maximum_count.set(static_cast<std::uint32_t>(length));
  transmit_buffer_.put(std::move(buffer));
  transmit_state_.set(TransmitState::transmitting);
  registers_.start_tx.write(Signal::active.set());
  return Refused::accepted();
}

kernel::Result Uarte::abort_transmit() const {
  if (transmit_state_.get() != TransmitState::transmitting) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  // The hardware raises ENDTX after STOPTX if it had not already (Product
  // Specification, "Stopping the UARTE transmitter"), so the bottom half
  // always finishes the abort; no deferred call is needed.
  transmit_state_.set(TransmitState::aborting);
  registers_.stop_tx.write(Signal::active.set());
  return kernel::Result::ok();
}

void Uarte::handle_transmit_events() const {
  if (!registers_.event_end_tx.is_set(Signal::active)) {
    return;
  }
  registers_.event_end_tx.set(0);
  switch (transmit_state_.get()) {
  case TransmitState::transmitting:
    finish_transmit(kernel::Result::ok());
    break;
  case TransmitState::aborting:
    finish_transmit(kernel::Result::failure(kernel::ErrorCode::cancel));
    break;
  case TransmitState::idle:
    break; // A stop of an idle transmitter; nothing was in flight.
  }
}

void Uarte::finish_transmit(kernel::Result result) const {
  transmit_state_.set(TransmitState::idle);
  // ENDTX: EasyDMA has read its last byte, the buffer is the driver's again.
  const std::size_t sent = registers_.txd.amount.get();
  leash::Lease<std::uint8_t> buffer = transmit_buffer_.take();
  const auto client = transmit_client_.get();
  if (!client.has_value()) {
    // Unreachable (requests without a client are refused, and a client is
    // never unset), but never drop a lease: keep it.
    transmit_buffer_.put(std::move(buffer));
    return;
  }
  (*client)->transmitted(std::move(buffer), sent, result);
}

} // namespace chips::nrf52840
