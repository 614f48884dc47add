// RUN: %check-rule %s leash-unsafe-unmarked
// A read of a union member when the same function visibly wrote another
// member of the same union object earlier (in source order).
#include <leash/annotations.h>

#include <cstdint>

union Word {
  std::uint32_t whole;
  float real;
  std::uint8_t bytes[4];
};

struct Packet {
  Word payload;
  union {
    std::uint16_t half;
    std::int16_t signed_half;
  };
  std::uint32_t type_pun() {
    payload.whole = 7;
    half = 1;
    std::uint32_t low = static_cast<std::uint32_t>(signed_half);
    // CHECK-MESSAGES: :[[@LINE-1]]:52: warning: read of union member 'signed_half' after a write to 'half' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
    return low + payload.bytes[0];
    // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: read of union member 'bytes' after a write to 'whole' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  }
};

float type_pun() {
  Word word;
  word.whole = 0x3f800000;
  return word.real;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: read of union member 'real' after a write to 'whole' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

std::uint32_t initialized_then_read() {
  Word word{.real = 1.0F};
  return word.whole;
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: read of union member 'whole' after a write to 'real' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

std::uint8_t byte_after_word(Word &word) {
  word.whole = 1;
  return word.bytes[3];
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: read of union member 'bytes' after a write to 'whole' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

// Not unsafe: reading the member last written; reading without a visible
// write; a write to another union object; a whole-object assignment, which
// hides which member is active; a read before the write.
float same_member() {
  Word word;
  word.whole = 1;
  word.real = 2.0F;
  return word.real;
}

float unknown_member(const Word &word) { return word.real; }

float other_object(Word &first, Word &second) {
  first.whole = 1;
  return second.real;
}

float whole_object(Word &word, const Word &other) {
  word.whole = 1;
  word = other;
  return word.real;
}

std::uint32_t read_then_write(Word &word) {
  std::uint32_t before = word.whole;
  word.real = 2.0F;
  return before;
}

// Not reported: inside unsafe code.
LEASH_UNSAFE("IEEE 754 single precision has the same size as uint32_t")
std::uint32_t bits_of(float value) {
  Word word;
  word.real = value;
  return word.whole;
}
