// RUN: %check-rule %s leash-unsafe-in-capsule
// Every unsafe operation in a capsule file is reported, marked or not.
#include "../Inputs/chip/registers.h"

#include <leash/lease.h>

#include <cstdint>
#include <new>

union Word {
  std::uint32_t whole;
  float real;
};

struct Slot {
  int value;
};

std::uint32_t operations(std::uintptr_t address, const int *constant,
                         int *items, volatile std::uint32_t *status,
                         leash::Lease<std::uint8_t> &lease, void *where) {
  int *pointer = reinterpret_cast<int *>(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: reinterpret_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  int *c_style = (int *)address;
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: cast from integer to pointer in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  int *writable = const_cast<int *>(constant);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: const_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  int third = items[2];
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: subscript of raw pointer 'items' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  int *next = items + 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: pointer arithmetic on 'items' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  asm volatile("" ::: "memory");
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: inline assembly in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  std::uint32_t state = *status;
  // CHECK-MESSAGES: :[[@LINE-1]]:25: warning: volatile access through pointer 'status' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  Word word;
  word.real = 1.0F;
  state += word.whole;
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: read of union member 'whole' after a write to 'real' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  Slot *slot = new (where) Slot{1};
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: placement new at a computed address in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  std::uint8_t *raw = lease.raw_data();
  // CHECK-MESSAGES: :[[@LINE-1]]:29: warning: call to LEASH_UNSAFE_API function 'raw_data' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  ChipRegisters &registers = chip_registers(address);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: call to LEASH_UNSAFE_API function 'chip_registers' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  CHIP_REGISTER(0x40000000) = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access through pointer and reinterpret_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
  return state +
         static_cast<std::uint32_t>(*pointer + *c_style + *writable + third +
                                    *next + slot->value) +
         *raw + (&registers != nullptr ? 1U : 0U);
}

// Marking does not make unsafe code acceptable in a capsule: the marker and
// the operation are both reported.
LEASH_UNSAFE("not allowed in a capsule")
int *marked(std::uintptr_t address) { return reinterpret_cast<int *>(address); }
// CHECK-MESSAGES: :[[@LINE-1]]:6: warning: LEASH_UNSAFE function 'marked' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]
// CHECK-MESSAGES: :[[@LINE-2]]:46: warning: reinterpret_cast in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]

// Templates are reported once, at the template.
template <typename T> T second(T *items) { return items[1]; }
// CHECK-MESSAGES: :[[@LINE-1]]:51: warning: subscript of raw pointer 'items' in capsule code; capsules forbid unsafe code, marked or not: move it behind a safe interface outside the capsule tier [leash-unsafe-in-capsule]

int both(int *ints, char *chars) { return second(ints) + second(chars); }
