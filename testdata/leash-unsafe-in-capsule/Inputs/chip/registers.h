// Chip code that capsules include: unsafe code here is the chip's, not the
// capsule's, even when a capsule includes it.
#include <leash/annotations.h>

#include <cstdint>

struct ChipRegisters {
  volatile std::uint32_t data;
};

/// A device register at a fixed address (expands to unsafe code where it is
/// used).
#define CHIP_REGISTER(address)                                                 \
  (*reinterpret_cast<volatile std::uint32_t *>(address))

LEASH_UNSAFE_API ChipRegisters &chip_registers(std::uintptr_t address);

LEASH_UNSAFE("0x40000000 is the chip's data register")
inline void chip_write(std::uint32_t value) {
  *reinterpret_cast<volatile std::uint32_t *>(0x40000000) = value;
}

inline std::uint32_t *chip_next(std::uint32_t *word) {
  LEASH_UNSAFE_BLOCK("the chip's words are consecutive") { return word + 1; }
  return word;
}
