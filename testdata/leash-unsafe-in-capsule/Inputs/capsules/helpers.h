// A header inside the capsule tier: its code is capsule code.
#include <cstdint>

inline std::uint8_t *advance(std::uint8_t *byte) { return byte + 1; }
