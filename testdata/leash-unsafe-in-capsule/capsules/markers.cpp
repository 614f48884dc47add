// RUN: %check-rule %s leash-unsafe-in-capsule
// Every LEASH_UNSAFE, LEASH_UNSAFE_API and LEASH_UNSAFE_BLOCK marker in a
// capsule file is reported where it is written, even around safe code.
#include <leash/annotations.h>

#include <cstdint>

LEASH_UNSAFE("declared here, defined below")
int declared_marked(int value);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: LEASH_UNSAFE function 'declared_marked' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]

int declared_marked(int value) { return value + 1; }

int defined_marked(int value);

LEASH_UNSAFE("marked where defined")
int defined_marked(int value) { return value - 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: LEASH_UNSAFE function 'defined_marked' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]

class Driver {
public:
  LEASH_UNSAFE_API static Driver &at(std::uintptr_t address);
  // CHECK-MESSAGES: :[[@LINE-1]]:35: warning: LEASH_UNSAFE_API function 'at' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  LEASH_UNSAFE("no reason is good enough in a capsule") int state() const {
    // CHECK-MESSAGES: :[[@LINE-1]]:61: warning: LEASH_UNSAFE function 'state' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
    return state_;
  }

private:
  int state_ = 0;
};

int blocks(int value) {
  LEASH_UNSAFE_BLOCK("outer") {
    // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: LEASH_UNSAFE_BLOCK in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
    LEASH_UNSAFE_BLOCK("inner") { ++value; }
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: LEASH_UNSAFE_BLOCK in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  }
  auto in_lambda = [value] {
    LEASH_UNSAFE_BLOCK("in a lambda") { return value; }
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: LEASH_UNSAFE_BLOCK in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
    return 0;
  };
  return in_lambda();
}

// Templates: one finding per marker, not per instantiation.
template <typename T> T twice(T value) {
  LEASH_UNSAFE_BLOCK("in a template") { value = value + value; }
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: LEASH_UNSAFE_BLOCK in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  return value;
}

template <typename T> LEASH_UNSAFE("in a template") T thrice(T value) {
  // CHECK-MESSAGES: :[[@LINE-1]]:55: warning: LEASH_UNSAFE function 'thrice' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  return value + value + value;
}

long instantiate() { return twice(1) + twice(2L) + thrice(1) + thrice(2L); }
