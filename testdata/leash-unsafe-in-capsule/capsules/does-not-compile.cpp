// RUN: %check-rule %s leash-unsafe-in-capsule
// A capsule that does not compile is an error of the run (leash exits 3);
// clang-tidy reports what its checks could still see, leash check the
// compiler's error only.
#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-TIDY-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
}

void broken() { undeclared(); }
// CHECK-MESSAGES: :[[@LINE-1]]:17: error: use of undeclared identifier 'undeclared' [clang-diagnostic-error]
