// RUN: %check-rule %s leash-unsafe-unmarked -- -std=gnu++11
// RUN: clang++-16 -std=gnu++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I %vocabulary %s
// RUN: arm-none-eabi-g++ -std=gnu++11 -Wall -Wextra -pedantic -Werror -fsyntax-only -I %vocabulary %s
// The markers compile without a warning from -std=gnu++11 on, under Clang
// and GCC, so code that is not C++20 can be annotated; the checker reads
// them there as in C++20.
#include <leash/annotations.h>

#include <stdint.h>

LEASH_UNSAFE("the register block is at a fixed address")
volatile uint32_t *device() { return reinterpret_cast<volatile uint32_t *>(0x40000000); }

uint32_t read_status(uintptr_t base) {
  uint32_t status = 0;
  LEASH_UNSAFE_BLOCK("the caller passes the status register's address") {
    status = *reinterpret_cast<volatile uint32_t *>(base);
  }
  return status + *reinterpret_cast<volatile uint32_t *>(base + 4);
  // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: volatile access through pointer outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  // CHECK-MESSAGES: :[[@LINE-2]]:20: warning: reinterpret_cast outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
}
