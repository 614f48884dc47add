// RUN: %check-rule %s leash-unsafe-unmarked,leash-unsafe-in-capsule
// In a capsule file, with leash-unsafe-in-capsule enabled, an unmarked
// unsafe operation is reported once, by leash-unsafe-in-capsule.
#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
}
