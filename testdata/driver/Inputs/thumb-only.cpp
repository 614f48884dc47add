// Parses only as Cortex-M4 Thumb-2 code with the arm-none-eabi C++ headers
// (libstdc++) and C headers (newlib) that GCC uses.
#include <array>
#include <cstdint>
#include <cstdio>

#if !defined(__thumb2__) || !defined(__ARM_ARCH_7EM__)
#error "parsed for the wrong target"
#endif
static_assert(sizeof(void *) == 4, "parsed with a 64-bit target");

#if !defined(_NEWLIB_VERSION)
#error "parsed without newlib's C headers"
#endif

const std::array<std::uint32_t, 4> registers{};
