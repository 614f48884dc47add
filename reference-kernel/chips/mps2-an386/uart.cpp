/// The CMSDK APB UART driver: register access and polled transmit.
#include "chips/mps2-an386/uart.h"

#include "chips/mps2-an386/memory_map.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace chips::mps2_an386 {
namespace {

/// STATE bit 0: the transmit buffer is full.
constexpr std::uint32_t state_transmit_buffer_full = 1U << 0;
/// CTRL bit 0: the transmitter is enabled.
constexpr std::uint32_t control_transmitter_enable = 1U << 0;
/// The smallest divider the UART accepts (it samples 16 times per bit).
constexpr std::uint32_t minimum_baud_divider = 16;

} // namespace

UartRegisters &UartRegisters::at(std::uintptr_t base_address) {
  return *reinterpret_cast<UartRegisters *>(base_address);
}

void Uart::enable_transmitter(std::uint32_t baud_rate) const {
  const std::uint32_t divider = peripheral_clock_hz / baud_rate;
  write_baud_divider(divider < minimum_baud_divider ? minimum_baud_divider
                                                    : divider);
  write_control(control_transmitter_enable);
}

void Uart::transmit(std::string_view text) const {
  for (std::size_t index = 0; index < text.size(); ++index) {
    transmit_byte(static_cast<std::uint8_t>(text[index]));
  }
}

void Uart::transmit_byte(std::uint8_t byte) const {
  while (transmit_buffer_full()) {
  }
  write_data(byte);
}

// The register accessors below are the only places that touch the hardware.
// Their soundness rests on the contract of UartRegisters::at: registers_ is
// this UART's register block, and this driver is its only user.

LEASH_UNSAFE("volatile read of STATE in this driver's own register block")
bool Uart::transmit_buffer_full() const {
  return (registers_.state & state_transmit_buffer_full) != 0;
}

LEASH_UNSAFE("volatile write of DATA in this driver's own register block")
void Uart::write_data(std::uint32_t value) const { registers_.data = value; }

LEASH_UNSAFE("volatile write of CTRL in this driver's own register block")
void Uart::write_control(std::uint32_t value) const {
  registers_.control = value;
}

LEASH_UNSAFE("volatile write of BAUDDIV in this driver's own register block")
void Uart::write_baud_divider(std::uint32_t value) const {
  registers_.baud_divider = value;
}

} // namespace chips::mps2_an386
