/// The CMSDK APB UART: register block and polled transmit driver.
#ifndef CHIPS_MPS2_AN386_UART_H
#define CHIPS_MPS2_AN386_UART_H

#include <leash/annotations.h>

#include <cstdint>
#include <string_view>

namespace chips::mps2_an386 {

/// The registers of one CMSDK APB UART (ARM CoreLink SDK Technical Reference
/// Manual, DDI 0479, section 4.3), in address order from the block's base.
struct UartRegisters {
  /// 0x000 DATA: a write sends a byte; a read returns the last byte received.
  volatile std::uint32_t data;
  /// 0x004 STATE: bit 0 transmit buffer full, bit 1 receive buffer full,
  /// bits 2 and 3 transmit and receive overrun (write 1 to clear).
  volatile std::uint32_t state;
  /// 0x008 CTRL: bit 0 transmitter enable, bit 1 receiver enable, bits 2 to
  /// 5 interrupt enables.
  volatile std::uint32_t control;
  /// 0x00C INTSTATUS when read, INTCLEAR when written (1 clears a bit).
  volatile std::uint32_t interrupt_status_clear;
  /// 0x010 BAUDDIV: the peripheral clock divided by the baud rate (at least
  /// 16).
  volatile std::uint32_t baud_divider;

  /// The register block of the UART whose registers start at `base_address`.
  /// Unsafe: the address must be a CMSDK UART's, and whoever creates the
  /// block owns that UART (exactly one driver per UART).
  LEASH_UNSAFE_API static UartRegisters &at(std::uintptr_t base_address);
};

/// A polled transmit-only driver for one CMSDK APB UART. It holds no state
/// of its own besides its register block, so all its members are `const` and
/// it is shared by `const` reference like every component.
class LEASH_COMPONENT Uart {
public:
  /// A driver for the UART whose register block is `registers`. Safe: a
  /// register block can only be obtained through the unsafe
  /// `UartRegisters::at`, which carries the ownership promise.
  explicit Uart(UartRegisters &registers) : registers_(registers) {}

  /// Enables the transmitter at `baud_rate` bits per second (receiver and
  /// UART interrupts stay off).
  void enable_transmitter(std::uint32_t baud_rate) const;

  /// Sends `text`, byte by byte, waiting while the transmit buffer is full.
  void transmit(std::string_view text) const;

  /// Sends one byte, waiting while the transmit buffer is full.
  void transmit_byte(std::uint8_t byte) const;

private:
  /// STATE.TXFULL: the transmit buffer holds a byte not yet sent.
  [[nodiscard]] bool transmit_buffer_full() const;
  /// Writes DATA.
  void write_data(std::uint32_t value) const;
  /// Writes CTRL.
  void write_control(std::uint32_t value) const;
  /// Writes BAUDDIV.
  void write_baud_divider(std::uint32_t value) const;

  /// The UART's registers, owned by this driver.
  UartRegisters &registers_;
};

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_UART_H
