/// CdcAcm: device-to-host bytes, in bulk IN packets of at most 64 bytes.
#include "capsules/usb/cdc_acm.h"

#include <algorithm>
#include <utility>

namespace capsules::usb {

using kernel::hil::uart::BufferRefusal;

namespace {

/// A full-speed bulk packet: a shorter one (or a zero-length one) tells the
/// host that the transfer ended.
constexpr std::size_t packet_size = kernel::hil::usb::max_packet_size;

} // namespace

void CdcAcm::set_transmit_client(
    const kernel::hil::uart::TransmitClient &client) const {
  transmit_client_.set(&client);
}

BufferRefusal CdcAcm::transmit(leash::Lease<std::uint8_t> buffer,
                               std::size_t length) const {
  // The previous transmission's last packet may still be with the
  // controller (a cancellation not yet delivered): busy until it is home.
  const bool busy =
      transmit_state_.get() != TransmitState::idle || in_packet_.is_none();
  if (const auto reason = kernel::hil::uart::refusal_reason(
          busy, length, buffer.size(),
          configured_.get() && transmit_client_.is_some())) {
    return BufferRefusal::refused(*reason, std::move(buffer));
  }
  transmit_buffer_.put(std::move(buffer));
  transmit_length_.set(length);
  transmit_sent_.set(0);
  transmit_in_flight_.set(0);
  transmit_state_.set(TransmitState::sending);
  if (!in_halted_.get()) {
    send_next_packet();
  }
  return BufferRefusal::accepted();
}

void CdcAcm::send_next_packet() const {
  leash::Lease<std::uint8_t> packet = in_packet_.take();
  if (packet.is_empty()) {
    return; // In flight: its callback goes on.
  }
  leash::Lease<std::uint8_t> source = transmit_buffer_.take();
  const std::size_t sent = transmit_sent_.get();
  std::size_t count = 0;
  if (transmit_state_.get() == TransmitState::sending) {
    count = std::min({transmit_length_.get() - sent, packet_size,
                      static_cast<std::size_t>(packet.size())});
    for (std::size_t index = 0; index < count; ++index) {
      packet[index] = source[sent + index];
    }
  }
  transmit_buffer_.put(std::move(source));
  transmit_in_flight_.set(count);
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.send_packet(data_in_endpoint_, std::move(packet), count);
  if (!refusal) {
    return;
  }
  // The endpoint went away under the transmission (a halt is handled by
  // `endpoint_halt_changed`): it ends here with the controller's reason.
  const kernel::ErrorCode error = refusal.error();
  in_packet_.put(std::move(refusal).value());
  end_transmission(kernel::Result::failure(error));
}

void CdcAcm::data_packet_sent(leash::Lease<std::uint8_t> buffer,
                              kernel::Result result) const {
  in_packet_.put(std::move(buffer));
  const TransmitState state = transmit_state_.get();
  if (state == TransmitState::idle) {
    return; // A packet of a transmission that already ended (reset).
  }
  if (!result.is_ok()) {
    const bool restart = restart_in_.get();
    restart_in_.set(false);
    if (state == TransmitState::aborting) {
      end_transmission(kernel::Result::failure(kernel::ErrorCode::cancel));
    } else if (restart) {
      send_next_packet(); // The halt ended already: the packet goes again.
    } else if (!in_halted_.get()) {
      end_transmission(result); // Cancelled for good (the endpoint went).
    }
    // Halted: sent again when the host resumes the endpoint.
    return;
  }
  const std::size_t packet = transmit_in_flight_.get();
  const std::size_t sent = transmit_sent_.get() + packet;
  transmit_sent_.set(sent);
  if (state == TransmitState::aborting) {
    end_transmission(kernel::Result::failure(kernel::ErrorCode::cancel));
    return;
  }
  if (state == TransmitState::sending_zlp) {
    end_transmission(kernel::Result::ok());
    return;
  }
  if (sent < transmit_length_.get()) {
    send_next_packet();
    return;
  }
  if (packet == packet_size) {
    // A transfer that ends on a packet boundary needs a zero-length packet,
    // or the host's read waits for more (USB 2.0 section 5.8.3).
    transmit_state_.set(TransmitState::sending_zlp);
    send_next_packet();
    return;
  }
  end_transmission(kernel::Result::ok());
}

kernel::Result CdcAcm::abort_transmit() const {
  switch (transmit_state_.get()) {
  case TransmitState::sending:
  case TransmitState::sending_zlp:
    transmit_state_.set(TransmitState::aborting);
    if (in_packet_.is_some()) {
      // Nothing in flight (a halted endpoint): end it from the loop.
      deferred_call_.set();
    }
    return kernel::Result::ok();
  case TransmitState::idle:
  case TransmitState::aborting:
    break;
  }
  return kernel::Result::failure(kernel::ErrorCode::off);
}

void CdcAcm::end_transmission(kernel::Result result) const {
  transmit_state_.set(TransmitState::idle);
  kernel::hil::uart::hand_back_transmitted(transmit_client_, transmit_buffer_,
                                           transmit_buffer_.take(),
                                           transmit_sent_.get(), result);
}

} // namespace capsules::usb
