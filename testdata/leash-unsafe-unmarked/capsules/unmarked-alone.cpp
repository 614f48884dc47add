// RUN: %check-rule %s leash-unsafe-unmarked
// With leash-unsafe-in-capsule disabled, leash-unsafe-unmarked reports
// capsule files like any other.
#include <leash/annotations.h>

#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

LEASH_UNSAFE("test input")
int *marked(std::uintptr_t address) { return reinterpret_cast<int *>(address); }
