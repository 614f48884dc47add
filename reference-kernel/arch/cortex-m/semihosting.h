/// ARM semihosting: console text and the run's exit status, via the host.
#ifndef ARCH_CORTEX_M_SEMIHOSTING_H
#define ARCH_CORTEX_M_SEMIHOSTING_H

#include <string_view>

// Semihosting traps into the debugger or emulator with `bkpt 0xab`. QEMU
// answers it only when started with `-semihosting-config enable=on`; without
// it (or without a debugger on real hardware) the trap locks the core up. The
// kernel uses semihosting only where a host is certain to be present: to end
// a run under QEMU and to report a fault before ending it.

namespace arch::cortex_m::semihosting {

/// Writes `text` to the host's console (one SYS_WRITEC call per character:
/// slow, but independent of every peripheral, so usable from a fault handler).
void write(std::string_view text);

/// Ends the run: the host (QEMU) exits with `status` (SYS_EXIT_EXTENDED).
[[noreturn]] void exit(int status);

} // namespace arch::cortex_m::semihosting

#endif // ARCH_CORTEX_M_SEMIHOSTING_H
