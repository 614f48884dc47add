/// The CMSDK APB UART driver: interrupt-driven transmission.
#include "chips/mps2-an386/cmsdk_uart.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <utility>

namespace chips::mps2_an386 {

void CmsdkUart::set_transmit_client(
    const kernel::hil::uart::TransmitClient &client) const {
  transmit_client_.set(&client);
}

kernel::hil::uart::BufferRefusal
CmsdkUart::transmit(leash::Lease<std::uint8_t> buffer,
                    std::size_t length) const {
  using Refused = kernel::hil::uart::BufferRefusal;
  if (const auto reason = kernel::hil::uart::refusal_reason(
          transmit_state_.get() != TransmitState::idle, length, buffer.size(),
          transmit_client_.is_some() && transmitter_enabled())) {
    return Refused::refused(*reason, std::move(buffer));
  }
  transmit_length_.set(length);
  transmit_position_.set(0);
  transmit_buffer_.put(std::move(buffer));
  transmit_state_.set(TransmitState::transmitting);
  // Enabled before the first byte: the interrupt is raised when the buffer
  // empties, which on QEMU happens during the write itself.
  registers_.control.modify(UartControl::transmit_interrupt_enable.set());
  fill_transmit_buffer();
  return Refused::accepted();
}

kernel::Result CmsdkUart::abort_transmit() const {
  if (transmit_state_.get() != TransmitState::transmitting) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  transmit_state_.set(TransmitState::aborting);
  registers_.control.modify(UartControl::transmit_interrupt_enable.clear());
  deferred_call_.set();
  return kernel::Result::ok();
}

void CmsdkUart::handle_transmit_interrupt() const {
  registers_.interrupt_status_clear.write(UartInterrupt::transmit.set());
  if (transmit_state_.get() != TransmitState::transmitting) {
    return; // A byte of polled output left the buffer.
  }
  // The interrupt means the last byte written has left the buffer: once
  // every byte has, the transmission is over.
  if (transmit_position_.get() >= transmit_length_.get()) {
    finish_transmit(kernel::Result::ok());
    return;
  }
  fill_transmit_buffer();
}

void CmsdkUart::fill_transmit_buffer() const {
  const std::size_t length = transmit_length_.get();
  const std::optional<std::size_t> position =
      transmit_buffer_.map([this, length](leash::Lease<std::uint8_t> &buffer) {
        std::size_t next = transmit_position_.get();
        while (next < length &&
               !registers_.state.is_set(UartState::transmit_full)) {
          registers_.data.set(buffer[next]);
          ++next;
        }
        return next;
      });
  transmit_position_.set(position.value_or(length));
}

void CmsdkUart::flush_transmit_polled() const {
  if (transmit_state_.get() != TransmitState::transmitting) {
    return;
  }
  const std::size_t length = transmit_length_.get();
  const std::optional<std::size_t> position =
      transmit_buffer_.map([this, length](leash::Lease<std::uint8_t> &buffer) {
        std::size_t next = transmit_position_.get();
        for (; next < length; ++next) {
          while (registers_.state.is_set(UartState::transmit_full)) {
          }
          registers_.data.set(buffer[next]);
        }
        return next;
      });
  transmit_position_.set(position.value_or(length));
}

void CmsdkUart::finish_transmit(kernel::Result result) const {
  registers_.control.modify(UartControl::transmit_interrupt_enable.clear());
  transmit_state_.set(TransmitState::idle);
  const std::size_t sent = transmit_position_.get();
  kernel::hil::uart::hand_back_transmitted(transmit_client_, transmit_buffer_,
                                           transmit_buffer_.take(), sent,
                                           result);
}

} // namespace chips::mps2_an386
