/// Stops the build unless it targets a Thumb-2 ARMv7E-M core (the Cortex-M4).
#ifndef ARCH_CORTEX_M_TARGET_CHECK_H
#define ARCH_CORTEX_M_TARGET_CHECK_H

// The arch layer is written for one instruction set: its inline assembly, its
// exception model and its vector table are ARMv7E-M Thumb-2. A compiler (or a
// checker parsing the kernel) that is configured for any other target must
// fail here, loudly, instead of silently reading the code as host code.
#if !defined(__thumb2__) || !defined(__ARM_ARCH_7EM__)
#error                                                                         \
    "arch/cortex-m must be built for a Thumb-2 ARMv7E-M core (-mcpu=cortex-m4 -mthumb)"
#endif

static_assert(sizeof(void *) == 4, "Cortex-M pointers are 32 bits wide");

#endif // ARCH_CORTEX_M_TARGET_CHECK_H
