/// The CMSDK APB UART driver: configuration, deferred work, polled output.
#include "chips/mps2-an386/cmsdk_uart.h"

#include <cstddef>
#include <cstdint>

namespace chips::mps2_an386 {
namespace {

/// The smallest divider the UART accepts (it samples 16 times per bit).
constexpr std::uint32_t minimum_baud_divider = 16;

} // namespace

CmsdkUart::CmsdkUart(UartRegisters &registers, std::uint32_t clock_hz)
    : registers_(registers), clock_hz_(clock_hz) {
  deferred_call_.register_client(*this);
}

kernel::Result
CmsdkUart::configure(const kernel::hil::uart::Parameters &parameters) const {
  if (transmit_state_.get() != TransmitState::idle ||
      receive_state_.get() != ReceiveState::idle) {
    return kernel::Result::failure(kernel::ErrorCode::busy);
  }
  if (parameters.baud_rate == 0 ||
      clock_hz_ / parameters.baud_rate < minimum_baud_divider) {
    return kernel::Result::failure(kernel::ErrorCode::invalid);
  }
  registers_.baud_divider.set(clock_hz_ / parameters.baud_rate);
  // Interrupts stay off until a transfer wants them.
  registers_.control.write(UartControl::transmit_enable.set() |
                           UartControl::receive_enable.set());
  return kernel::Result::ok();
}

void CmsdkUart::handle_deferred_call() const {
  if (transmit_state_.get() == TransmitState::aborting) {
    finish_transmit(kernel::Result::failure(kernel::ErrorCode::cancel));
  }
  if (receive_state_.get() == ReceiveState::aborting) {
    finish_receive(kernel::Result::failure(kernel::ErrorCode::cancel));
  } else {
    collect_received_bytes();
  }
}

void CmsdkUart::write_polled(std::string_view text) const {
  if (!transmitter_enabled()) {
    return;
  }
  for (const char character : text) {
    while (registers_.state.is_set(UartState::transmit_full)) {
    }
    registers_.data.set(static_cast<std::uint8_t>(character));
  }
}

bool CmsdkUart::transmitter_enabled() const {
  return registers_.control.is_set(UartControl::transmit_enable);
}

} // namespace chips::mps2_an386
