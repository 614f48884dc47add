/// A virtual UART: requests checked here, turns taken through the mux.
#include "capsules/uart_device.h"

#include "kernel/panic.h"

#include <utility>

namespace capsules {

using kernel::hil::uart::BufferRefusal;

UartDevice::UartDevice(const MuxUart &mux) : mux_(mux) { mux_.add(*this); }

void UartDevice::set_transmit_client(
    const kernel::hil::uart::TransmitClient &client) const {
  transmit_client_.set(&client);
}

BufferRefusal UartDevice::transmit(leash::Lease<std::uint8_t> buffer,
                                   std::size_t length) const {
  if (const auto reason = kernel::hil::uart::refusal_reason(
          transmit_state_.get() != TransmitState::idle, length, buffer.size(),
          transmit_client_.is_some())) {
    return BufferRefusal::refused(*reason, std::move(buffer));
  }
  if (!mux_.may_start(*this)) {
    waiting_length_.set(length);
    waiting_buffer_.put(std::move(buffer));
    transmit_state_.set(TransmitState::waiting);
    return BufferRefusal::accepted();
  }
  BufferRefusal refusal = mux_.start_transmit(*this, std::move(buffer), length);
  if (!refusal) {
    transmit_state_.set(TransmitState::transmitting);
  }
  return refusal;
}

kernel::Result UartDevice::abort_transmit() const {
  switch (transmit_state_.get()) {
  case TransmitState::transmitting:
    return mux_.abort_transmit(*this);
  case TransmitState::waiting:
    transmit_state_.set(TransmitState::aborting);
    mux_.finish_aborts_later();
    return kernel::Result::ok();
  case TransmitState::idle:
  case TransmitState::aborting:
    break;
  }
  return kernel::Result::failure(kernel::ErrorCode::off);
}

void UartDevice::set_receive_client(
    const kernel::hil::uart::ReceiveClient &client) const {
  receive_client_.set(&client);
}

BufferRefusal UartDevice::receive(leash::Lease<std::uint8_t> buffer,
                                  std::size_t length) const {
  if (receive_client_.is_none()) {
    return BufferRefusal::refused(kernel::ErrorCode::off, std::move(buffer));
  }
  return mux_.start_receive(*this, std::move(buffer), length);
}

kernel::Result UartDevice::abort_receive() const {
  return mux_.abort_receive(*this);
}

bool UartDevice::is_waiting() const {
  return transmit_state_.get() == TransmitState::waiting;
}

void UartDevice::start_waiting_transmission() const {
  leash::Lease<std::uint8_t> buffer = waiting_buffer_.take();
  BufferRefusal refusal =
      mux_.start_transmit(*this, std::move(buffer), waiting_length_.get());
  if (!refusal) {
    transmit_state_.set(TransmitState::transmitting);
    return;
  }
  // Accepted earlier, refused now: the request ends here, nothing sent.
  const kernel::ErrorCode error = refusal.error();
  end_transmission(std::move(refusal).value(), 0,
                   kernel::Result::failure(error));
}

void UartDevice::transmission_ended(leash::Lease<std::uint8_t> buffer,
                                    std::size_t sent,
                                    kernel::Result result) const {
  end_transmission(std::move(buffer), sent, result);
}

void UartDevice::finish_abort() const {
  if (transmit_state_.get() != TransmitState::aborting) {
    return;
  }
  end_transmission(waiting_buffer_.take(), 0,
                   kernel::Result::failure(kernel::ErrorCode::cancel));
}

void UartDevice::reception_ended(leash::Lease<std::uint8_t> buffer,
                                 std::size_t received,
                                 kernel::Result result) const {
  const auto client = receive_client_.get();
  if (!client.has_value()) {
    kernel::panic("UartDevice: a reception ended without a client");
  }
  (*client)->received(std::move(buffer), received, result);
}

void UartDevice::end_transmission(leash::Lease<std::uint8_t> buffer,
                                  std::size_t sent,
                                  kernel::Result result) const {
  transmit_state_.set(TransmitState::idle);
  kernel::hil::uart::hand_back_transmitted(transmit_client_, waiting_buffer_,
                                           std::move(buffer), sent, result);
}

} // namespace capsules
