/// Access: how registers reach the hardware, chosen once per build.
#ifndef LIBRARIES_REGISTERS_ACCESS_H
#define LIBRARIES_REGISTERS_ACCESS_H

// The seam between drivers and hardware: the kernel image reaches registers
// with volatile loads and stores; host tests (LEASH_REGISTERS_SIMULATED)
// reach a model of the peripheral instead. Chosen at compile time, so the
// target pays for no indirection and no virtual call. Define the macro for
// every translation unit of a program or for none.

#if defined(LEASH_REGISTERS_SIMULATED)
#include "libraries/registers/simulated_access.h"
#else
#include "libraries/registers/memory_mapped_access.h"
#endif

namespace registers {

#if defined(LEASH_REGISTERS_SIMULATED)
/// Register accesses go to the attached simulation (host tests).
using Access = SimulatedAccess;
#else
/// Register accesses go to memory-mapped hardware (the kernel image).
using Access = MemoryMappedAccess;
#endif

} // namespace registers

#endif // LIBRARIES_REGISTERS_ACCESS_H
