// RUN: %check-rule %s leash-unsafe-unmarked
// An unsafe operation inside a macro expansion is reported at the macro's
// use, once per use.
#include "Inputs/device-macros.h"

#include <leash/annotations.h>

#define NEXT(pointer) ((pointer) + 1)

void macros(int *items) {
  // Two unsafe operations at one place: one finding that names both.
  DEVICE_REGISTER(0x40000000) = 1;
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: volatile access through pointer and reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int *next = NEXT(items);
  // CHECK-MESSAGES: :[[@LINE-1]]:15: warning: pointer arithmetic on 'items' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  int *after = NEXT(next);
  // CHECK-MESSAGES: :[[@LINE-1]]:16: warning: pointer arithmetic on 'next' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  (void)after;
}

// Not reported: macros used inside unsafe code.
LEASH_UNSAFE("0x40000000 is the device's control register")
void marked(int *items) {
  DEVICE_REGISTER(0x40000000) = 1;
  (void)NEXT(items);
}

void in_block(int *items) {
  LEASH_UNSAFE_BLOCK("0x40000000 is the device's control register") {
    DEVICE_REGISTER(0x40000000) = *NEXT(items);
  }
}
