// RUN: %check-rule %s leash-unsafe-in-capsule
// A header in the capsule tier holds capsule code; a chip header that a
// capsule includes does not, and neither does its unsafe code.
#include "../Inputs/capsules/helpers.h"
#include "../Inputs/chip/registers.h"

// CHECK-MESSAGES: {{.*}}helpers.h:4:59: warning: pointer arithmetic on 'byte' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]

std::uint8_t *next_byte(std::uint8_t *byte) { return advance(byte); }

// Calling the chip's LEASH_UNSAFE functions is safe.
std::uint32_t *next_word(std::uint32_t *word) {
  chip_write(1);
  return chip_next(word);
}
