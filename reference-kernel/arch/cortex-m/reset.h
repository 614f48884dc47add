/// The reset handler: builds the C++ memory image, then runs the board's main.
#ifndef ARCH_CORTEX_M_RESET_H
#define ARCH_CORTEX_M_RESET_H

extern "C" {

/// Runs at reset, on the stack the vector table names: enables the fault
/// exceptions, copies .data from flash, zeroes .bss, runs the static
/// constructors, calls `main()`, and ends the run through semihosting with
/// main's return value as the exit status.
/// C linkage so that the linker script can name it as the entry point.
[[noreturn]] void leash_reset_handler();
}

#endif // ARCH_CORTEX_M_RESET_H
