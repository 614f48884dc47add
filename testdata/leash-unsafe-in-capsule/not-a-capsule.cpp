// RUN: %check-rule %s leash-unsafe-in-capsule
// Outside the capsule tier the check is silent (leash-unsafe-unmarked
// covers unsafe code there).
#include <leash/annotations.h>

#include <cstdint>

LEASH_UNSAFE("chip code may be unsafe")
int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
}

int *unmarked(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
}
