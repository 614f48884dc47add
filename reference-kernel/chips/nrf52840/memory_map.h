/// Where the nRF52840 peripherals and Data RAM live, and their interrupts.
#ifndef CHIPS_NRF52840_MEMORY_MAP_H
#define CHIPS_NRF52840_MEMORY_MAP_H

#include <cstddef>
#include <cstdint>

// nRF52840 Product Specification, "Memory" and "Peripheral interface"
// chapters (nrfx's nrf52840.h agrees). A peripheral's IRQ number is its ID,
// which is bits 12 to 17 of its base address.

namespace chips::nrf52840 {

/// UARTE0's register block.
inline constexpr std::uintptr_t uarte0_base_address = 0x4000'2000;
/// UARTE0's interrupt (IRQ 2, shared with UART0, which this kernel never
/// enables).
inline constexpr std::uint32_t uarte0_irq = 2;

/// The USBD's register block.
inline constexpr std::uintptr_t usbd_base_address = 0x4002'7000;
/// The USBD's interrupt (IRQ 39).
inline constexpr std::uint32_t usbd_irq = 39;
/// The POWER block (its USB registers: VBUS and the USB regulator).
inline constexpr std::uintptr_t power_base_address = 0x4000'0000;
/// CLOCK shares POWER's base address (peripheral ID 0); its registers are
/// others.
inline constexpr std::uintptr_t clock_base_address = 0x4000'0000;
/// The undocumented registers that USBD errata 171 and 187 write.
inline constexpr std::uintptr_t usbd_errata_base_address = 0x4006'EC00;

/// The first byte of Data RAM: the only memory EasyDMA reaches.
inline constexpr std::uint32_t data_ram_start = 0x2000'0000;
/// Data RAM's size (256 KiB): it ends at 0x2003'FFFF.
inline constexpr std::uint32_t data_ram_size = 0x4'0000;

/// Whether the `length` bytes at EasyDMA address `address` all lie in Data
/// RAM (a pointer into flash "may result in HardFault or RAM corruption").
[[nodiscard]] constexpr bool in_data_ram(std::uint32_t address,
                                         std::uint32_t length) {
  return address >= data_ram_start &&
         address - data_ram_start <= data_ram_size &&
         length <= data_ram_size - (address - data_ram_start);
}

/// How many external interrupts the chip's NVIC has (IRQ 0 to 47).
inline constexpr std::size_t external_interrupt_count = 48;

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_MEMORY_MAP_H
