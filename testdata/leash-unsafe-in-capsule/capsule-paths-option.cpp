// RUN: %check-rule --config "{CheckOptions: {leash-unsafe-in-capsule.CapsulePaths: '**/drivers/**; **/capsule-paths-option.cpp'}}" %s leash-unsafe-in-capsule
// CapsulePaths lists the tier's globs (comma or semicolon separated),
// matched against absolute paths: here, this file.
#include <cstdint>

int *from_address(std::uintptr_t address) {
  return reinterpret_cast<int *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: reinterpret_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
}
