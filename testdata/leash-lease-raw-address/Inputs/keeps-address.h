// A header whose inline helper keeps a lease's raw address in a global.
#include "dma.h"

/// An inline helper that keeps the address in a global.
inline std::uint8_t *header_last_pointer = nullptr;
LEASH_UNSAFE("test") inline void header_remember(Bytes &buffer) {
  header_last_pointer = buffer.raw_data();
}

