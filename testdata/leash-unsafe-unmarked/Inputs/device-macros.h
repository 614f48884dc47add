// Macros that expand to unsafe operations where they are used.
#include <cstdint>

/// A device register at a fixed address.
#define DEVICE_REGISTER(address)                                               \
  (*reinterpret_cast<volatile std::uint32_t *>(address))
