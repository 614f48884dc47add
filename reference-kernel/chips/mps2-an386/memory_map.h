/// Where the mps2-an386 peripherals live, and the clock that drives them.
#ifndef CHIPS_MPS2_AN386_MEMORY_MAP_H
#define CHIPS_MPS2_AN386_MEMORY_MAP_H

#include <cstddef>
#include <cstdint>

// From ARM's "Application Note AN386" (Cortex-M4 on the MPS2 FPGA board) and
// QEMU's model of it (`qemu-system-arm -M mps2-an386`).

namespace chips::mps2_an386 {

/// UART0's register block: the board's console.
inline constexpr std::uintptr_t uart0_base_address = 0x4000'4000;

/// The clock that drives the APB peripherals, UARTs included (25 MHz).
inline constexpr std::uint32_t peripheral_clock_hz = 25'000'000;

/// How many external interrupts the chip's NVIC has (IRQ 0 to 31).
inline constexpr std::size_t external_interrupt_count = 32;

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_MEMORY_MAP_H
