// RUN: %check-rule %s leash-unsafe-unmarked
// Inline assembly (the statements are empty, so the case builds for any
// host).
#include <leash/annotations.h>

#include <cstdint>

void compiler_barrier() {
  asm volatile("" ::: "memory");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inline assembly outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

std::uint32_t opaque(std::uint32_t value) {
  __asm__("" : "+r"(value));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inline assembly outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  return value;
}

// Not reported: inside unsafe code.
LEASH_UNSAFE("an empty statement: orders memory accesses, nothing else")
void marked_barrier() { asm volatile("" ::: "memory"); }

void block_barrier() {
  LEASH_UNSAFE_BLOCK("an empty statement: orders memory accesses") {
    asm volatile("" ::: "memory");
  }
}
