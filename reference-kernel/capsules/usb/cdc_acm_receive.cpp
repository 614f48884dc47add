/// CdcAcm: host-to-device bytes, with back-pressure on the bulk OUT endpoint.
#include "capsules/usb/cdc_acm.h"

#include <algorithm>
#include <utility>

namespace capsules::usb {

using kernel::hil::uart::BufferRefusal;

void CdcAcm::set_receive_client(
    const kernel::hil::uart::ReceiveClient &client) const {
  receive_client_.set(&client);
}

BufferRefusal CdcAcm::receive(leash::Lease<std::uint8_t> buffer,
                              std::size_t length) const {
  if (const auto reason = kernel::hil::uart::refusal_reason(
          receive_state_.get() != ReceiveState::idle, length, buffer.size(),
          configured_.get() && receive_client_.is_some())) {
    return BufferRefusal::refused(*reason, std::move(buffer));
  }
  receive_buffer_.put(std::move(buffer));
  receive_length_.set(length);
  receive_count_.set(0);
  receive_state_.set(ReceiveState::receiving);
  if (waiting_length_.get() != 0) {
    // Bytes wait: delivered from the loop, never from inside the request.
    deferred_call_.set();
  }
  return BufferRefusal::accepted();
}

kernel::Result CdcAcm::abort_receive() const {
  if (receive_state_.get() != ReceiveState::receiving) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  receive_state_.set(ReceiveState::aborting);
  deferred_call_.set();
  return kernel::Result::ok();
}

void CdcAcm::arm_receive() const {
  if (!configured_.get() || out_halted_.get() || waiting_length_.get() != 0) {
    return; // Back-pressure: the host is NAKed until there is room.
  }
  leash::Lease<std::uint8_t> packet = out_packet_.take();
  if (packet.is_empty()) {
    return; // Already armed.
  }
  kernel::Refusal<leash::Lease<std::uint8_t>> refusal =
      controller_.receive_packet(data_out_endpoint_, std::move(packet));
  if (refusal) {
    // Disabled or halted: armed again when the endpoint comes back.
    out_packet_.put(std::move(refusal).value());
  }
}

void CdcAcm::packet_received(std::uint8_t, leash::Lease<std::uint8_t> buffer,
                             std::size_t length, kernel::Result result) const {
  // Only the bulk OUT endpoint receives: the device core routes only this
  // function's endpoints here.
  out_packet_.put(std::move(buffer));
  if (!result.is_ok()) {
    if (restart_out_.get()) {
      restart_out_.set(false);
      arm_receive();
    }
    return;
  }
  if (!configured_.get() || length == 0) {
    arm_receive();
    return;
  }
  waiting_offset_.set(0);
  waiting_length_.set(length);
  if (receive_state_.get() == ReceiveState::receiving) {
    deliver_waiting_bytes();
  }
  arm_receive();
}

void CdcAcm::deliver_waiting_bytes() const {
  const std::size_t waiting = waiting_length_.get();
  if (waiting == 0) {
    return;
  }
  leash::Lease<std::uint8_t> packet = out_packet_.take();
  if (packet.is_empty()) {
    return; // Unreachable: waiting bytes keep the packet at home.
  }
  leash::Lease<std::uint8_t> target = receive_buffer_.take();
  const std::size_t received = receive_count_.get();
  const std::size_t offset = waiting_offset_.get();
  const std::size_t count = std::min(waiting, receive_length_.get() - received);
  for (std::size_t index = 0; index < count; ++index) {
    target[received + index] = packet[offset + index];
  }
  receive_buffer_.put(std::move(target));
  out_packet_.put(std::move(packet));
  waiting_offset_.set(offset + count);
  waiting_length_.set(waiting - count);
  receive_count_.set(received + count);
  if (received + count == receive_length_.get()) {
    end_reception(kernel::Result::ok()); // re-arms if the packet is empty
    return;
  }
  arm_receive();
}

void CdcAcm::end_reception(kernel::Result result) const {
  receive_state_.set(ReceiveState::idle);
  kernel::hil::uart::hand_back_received(receive_client_, receive_buffer_,
                                        receive_buffer_.take(),
                                        receive_count_.get(), result);
  // The client may have asked for more inside the callback; bytes left in
  // the packet go to that reception from the deferred call, or re-arm.
  if (waiting_length_.get() != 0 &&
      receive_state_.get() == ReceiveState::receiving) {
    deferred_call_.set();
  }
  arm_receive();
}

} // namespace capsules::usb
