/// The CMSDK APB UART driver: interrupt-driven reception.
#include "chips/mps2-an386/cmsdk_uart.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace chips::mps2_an386 {

void CmsdkUart::set_receive_client(
    const kernel::hil::uart::ReceiveClient &client) const {
  receive_client_.set(&client);
}

kernel::hil::uart::BufferRefusal
CmsdkUart::receive(leash::Lease<std::uint8_t> buffer,
                   std::size_t length) const {
  using Refused = kernel::hil::uart::BufferRefusal;
  if (const auto reason = kernel::hil::uart::refusal_reason(
          receive_state_.get() != ReceiveState::idle, length, buffer.size(),
          receive_client_.is_some() &&
              registers_.control.is_set(UartControl::receive_enable))) {
    return Refused::refused(*reason, std::move(buffer));
  }
  receive_length_.set(length);
  receive_position_.set(0);
  receive_overrun_.set(false);
  receive_buffer_.put(std::move(buffer));
  receive_state_.set(ReceiveState::receiving);
  registers_.control.modify(UartControl::receive_interrupt_enable.set());
  // A byte that arrived while no reception was running waits in DATA, and
  // its interrupt was either never raised or already acknowledged: collect
  // it from the kernel loop (never from inside this request).
  if (registers_.state.is_set(UartState::receive_full)) {
    deferred_call_.set();
  }
  return Refused::accepted();
}

kernel::Result CmsdkUart::abort_receive() const {
  if (receive_state_.get() != ReceiveState::receiving) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  receive_state_.set(ReceiveState::aborting);
  registers_.control.modify(UartControl::receive_interrupt_enable.clear());
  deferred_call_.set();
  return kernel::Result::ok();
}

void CmsdkUart::handle_receive_interrupt() const {
  // Acknowledged first, so the line drops even when no reception runs: the
  // byte then waits in DATA until the next `receive` collects it.
  registers_.interrupt_status_clear.write(UartInterrupt::receive.set() |
                                          UartInterrupt::receive_overrun.set());
  collect_received_bytes();
}

void CmsdkUart::collect_received_bytes() const {
  if (receive_state_.get() != ReceiveState::receiving) {
    return;
  }
  const std::size_t length = receive_length_.get();
  const std::optional<std::size_t> position =
      receive_buffer_.map([this, length](leash::Lease<std::uint8_t> &buffer) {
        std::size_t next = receive_position_.get();
        while (next < length &&
               registers_.state.is_set(UartState::receive_full)) {
          buffer[next] = static_cast<std::uint8_t>(registers_.data.get());
          ++next;
        }
        return next;
      });
  receive_position_.set(position.value_or(length));
  if (registers_.state.is_set(UartState::receive_overrun)) {
    registers_.state.write(UartState::receive_overrun.set()); // Write 1 clears.
    receive_overrun_.set(true);
  }
  if (receive_position_.get() >= length) {
    finish_receive(receive_overrun_.get()
                       ? kernel::Result::failure(kernel::ErrorCode::fail)
                       : kernel::Result::ok());
  }
}

void CmsdkUart::finish_receive(kernel::Result result) const {
  registers_.control.modify(UartControl::receive_interrupt_enable.clear());
  receive_state_.set(ReceiveState::idle);
  const std::size_t received = receive_position_.get();
  kernel::hil::uart::hand_back_received(receive_client_, receive_buffer_,
                                        receive_buffer_.take(), received,
                                        result);
}

} // namespace chips::mps2_an386
