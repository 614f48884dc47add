/// Test support: the CMSDK APB UART model's register behaviour.
#include "support/simulated_cmsdk_uart.h"

#include <cstdint>

namespace host_tests {
namespace {

using chips::mps2_an386::UartControl;
using chips::mps2_an386::UartInterrupt;
using chips::mps2_an386::UartState;

/// The address of register `location`.
template <typename Register>
std::uintptr_t address_of(const Register &location) {
  return reinterpret_cast<std::uintptr_t>(&location);
}

} // namespace

SimulatedCmsdkUart::SimulatedCmsdkUart() {
  registers::simulation::attach(*this);
}

SimulatedCmsdkUart::~SimulatedCmsdkUart() { registers::simulation::detach(); }

std::uint64_t SimulatedCmsdkUart::read(std::uintptr_t address,
                                       std::uint64_t stored) {
  if (address == address_of(registers.data)) {
    const std::uint32_t state = registers.state.hardware_value();
    registers.state.set_hardware_value(state &
                                       ~UartState::receive_full.shifted_mask());
    return received_byte_;
  }
  return stored;
}

std::uint64_t SimulatedCmsdkUart::write(std::uintptr_t address,
                                        std::uint64_t value,
                                        std::uint64_t stored) {
  if (address == address_of(registers.data)) {
    const std::uint32_t control = registers.control.hardware_value();
    if ((control & UartControl::transmit_enable.shifted_mask()) == 0) {
      return value;
    }
    sent.push_back(static_cast<char>(value));
    if (hold_transmitter_) {
      registers.state.set_hardware_value(
          registers.state.hardware_value() |
          UartState::transmit_full.shifted_mask());
    } else {
      transmit_buffer_emptied();
    }
    return value;
  }
  if (address == address_of(registers.state)) {
    // Only the overrun bits are writable, and writing 1 clears them.
    const std::uint64_t overruns = UartState::transmit_overrun.shifted_mask() |
                                   UartState::receive_overrun.shifted_mask();
    return stored & ~(value & overruns);
  }
  if (address == address_of(registers.interrupt_status_clear)) {
    return stored & ~value; // INTCLEAR: write 1 to clear.
  }
  return value;
}

void SimulatedCmsdkUart::receive(std::uint8_t byte) {
  const std::uint32_t control = registers.control.hardware_value();
  if ((control & UartControl::receive_enable.shifted_mask()) == 0) {
    return;
  }
  std::uint32_t state = registers.state.hardware_value();
  if ((state & UartState::receive_full.shifted_mask()) != 0) {
    state |= UartState::receive_overrun.shifted_mask();
  }
  received_byte_ = byte;
  registers.state.set_hardware_value(state |
                                     UartState::receive_full.shifted_mask());
  if ((control & UartControl::receive_interrupt_enable.shifted_mask()) != 0) {
    registers.interrupt_status_clear.set_hardware_value(
        registers.interrupt_status_clear.hardware_value() |
        UartInterrupt::receive.shifted_mask());
  }
}

void SimulatedCmsdkUart::finish_sending_byte() {
  registers.state.set_hardware_value(registers.state.hardware_value() &
                                     ~UartState::transmit_full.shifted_mask());
  transmit_buffer_emptied();
}

void SimulatedCmsdkUart::transmit_buffer_emptied() {
  const std::uint32_t control = registers.control.hardware_value();
  if ((control & UartControl::transmit_interrupt_enable.shifted_mask()) != 0) {
    registers.interrupt_status_clear.set_hardware_value(
        registers.interrupt_status_clear.hardware_value() |
        UartInterrupt::transmit.shifted_mask());
  }
}

bool SimulatedCmsdkUart::transmit_interrupt() const {
  return (registers.interrupt_status_clear.hardware_value() &
          UartInterrupt::transmit.shifted_mask()) != 0;
}

bool SimulatedCmsdkUart::receive_interrupt() const {
  return (registers.interrupt_status_clear.hardware_value() &
          UartInterrupt::receive.shifted_mask()) != 0;
}

} // namespace host_tests
