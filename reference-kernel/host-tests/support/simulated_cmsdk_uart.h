/// Test support: a register-level model of the CMSDK APB UART.
#ifndef HOST_TESTS_SUPPORT_SIMULATED_CMSDK_UART_H
#define HOST_TESTS_SUPPORT_SIMULATED_CMSDK_UART_H

#include "chips/mps2-an386/uart_registers.h"
#include "libraries/registers/simulated_access.h"

#include <cstdint>
#include <deque>
#include <string>

namespace host_tests {

/// The CMSDK UART's behaviour behind a register block in host memory, as
/// QEMU models it: a write of DATA sends the byte and, unless the model
/// holds the transmitter busy, empties the buffer at once (raising the
/// transmit interrupt status when enabled); reading DATA takes the received
/// byte; INTCLEAR and the overrun bits of STATE clear on writing 1. The
/// driver under test reaches it through `registers::simulation::attach`.
class SimulatedCmsdkUart final : public registers::simulation::Bus {
public:
  /// Attaches the model to the register accesses of the program.
  SimulatedCmsdkUart();
  /// Detaches it.
  ~SimulatedCmsdkUart();

  SimulatedCmsdkUart(const SimulatedCmsdkUart &) = delete;
  SimulatedCmsdkUart &operator=(const SimulatedCmsdkUart &) = delete;

  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override;
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t stored) override;

  /// A byte arrives on the line.
  void receive(std::uint8_t byte);
  /// While set, each byte written stays in the transmit buffer (TXFULL)
  /// until `finish_sending_byte`.
  void hold_transmitter(bool hold) { hold_transmitter_ = hold; }
  /// The byte in the transmit buffer leaves (when the transmitter is held).
  void finish_sending_byte();

  /// Whether the transmit interrupt line is high.
  [[nodiscard]] bool transmit_interrupt() const;
  /// Whether the receive interrupt line is high.
  [[nodiscard]] bool receive_interrupt() const;

  /// The block the driver is given.
  chips::mps2_an386::UartRegisters registers{};
  /// Every byte sent on the line.
  std::string sent;

private:
  /// The transmit buffer emptied: raise the interrupt if enabled.
  void transmit_buffer_emptied();

  bool hold_transmitter_ = false;
  std::uint8_t received_byte_ = 0;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_SIMULATED_CMSDK_UART_H
