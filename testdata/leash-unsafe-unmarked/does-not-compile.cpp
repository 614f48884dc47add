// RUN: %check-rule %s leash-unsafe-unmarked
// A unit that does not compile is an error of the run (leash exits 3).
// clang-tidy reports the unsafe operations its checks could still see;
// leash check reports the compiler's error only, since a half-parsed unit's
// findings are not to be trusted.
#include <leash/annotations.h>

#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-TIDY-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}

int broken(int *p) {
  return p[1] + undeclared;
  // CHECK-TIDY-MESSAGES: :[[@LINE-1]]:10: warning: subscript of raw pointer 'p' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  // CHECK-MESSAGES: :[[@LINE-2]]:17: error: use of undeclared identifier 'undeclared' [clang-diagnostic-error]
}
