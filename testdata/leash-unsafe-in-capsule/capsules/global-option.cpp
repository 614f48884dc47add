// RUN: %check-rule --config "{CheckOptions: {CapsulePaths: '**/drivers/*.cpp'}}" %s leash-unsafe-in-capsule
// The global CapsulePaths option replaces the default: this file, under
// capsules/, is not in the tier it names.
#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
}
