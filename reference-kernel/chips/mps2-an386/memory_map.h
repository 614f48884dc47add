/// Where the mps2-an386 peripherals live, their interrupts, and their clock.
#ifndef CHIPS_MPS2_AN386_MEMORY_MAP_H
#define CHIPS_MPS2_AN386_MEMORY_MAP_H

#include <cstddef>
#include <cstdint>

// From ARM's "Application Note AN386" (Cortex-M4 on the MPS2 FPGA board) and
// QEMU's model of it (`qemu-system-arm -M mps2-an386`, hw/arm/mps2.c, which
// wires AN386 exactly as AN385).

namespace chips::mps2_an386 {

/// CMSDK APB timer 0's register block.
inline constexpr std::uintptr_t timer0_base_address = 0x4000'0000;
/// CMSDK APB timer 1's register block.
inline constexpr std::uintptr_t timer1_base_address = 0x4000'1000;
/// UART0's register block: the board's console.
inline constexpr std::uintptr_t uart0_base_address = 0x4000'4000;
/// The FPGA I/O block: the user LEDs, buttons and counters.
inline constexpr std::uintptr_t fpga_io_base_address = 0x4002'8000;

/// UART0's receive interrupt (IRQ 0).
inline constexpr std::uint32_t uart0_receive_irq = 0;
/// UART0's transmit interrupt (IRQ 1).
inline constexpr std::uint32_t uart0_transmit_irq = 1;
/// Timer 0's interrupt (IRQ 8).
inline constexpr std::uint32_t timer0_irq = 8;
/// Timer 1's interrupt (IRQ 9).
inline constexpr std::uint32_t timer1_irq = 9;

/// The clock that drives the APB peripherals, UARTs and timers included, and
/// the core (25 MHz).
inline constexpr std::uint32_t peripheral_clock_hz = 25'000'000;

/// How many external interrupts the chip's NVIC has (IRQ 0 to 31).
inline constexpr std::size_t external_interrupt_count = 32;

} // namespace chips::mps2_an386

#endif // CHIPS_MPS2_AN386_MEMORY_MAP_H
