// RUN: %check-rule --config "{CheckOptions: {CapsulePaths: '**/no-such-tier/**'}}" %s leash-unsafe-unmarked,leash-unsafe-in-capsule
// leash-unsafe-unmarked leaves to leash-unsafe-in-capsule exactly the files
// that check's CapsulePaths names: here a global option that leaves this
// file (under capsules/) outside the tier.
#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}
