// Code that only parses with GCC's own view of the language: its version
// and its types. arm-none-eabi-gcc's int32_t is long, Clang's would be int.
#include <cstdint>

#if __GNUC__ < 5 || (__GNUC__ == 5 && __GNUC_MINOR__ < 1)
#error "GCC 5.1 is the minimum"
#endif

// Two overloads under GCC; one function defined twice if int32_t were int.
int width(int) { return 1; }
int width(std::int32_t) { return 2; }

static_assert(sizeof(long) == sizeof(std::int32_t), "a 32-bit target");
