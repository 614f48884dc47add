// RUN: %check-rule %s leash-unsafe-unmarked
// Compiler-generated code is never reported: implicit copies of structs
// with volatile members (which read them through a reference), and the
// pointer a range-based for over an array steps with.
#include <leash/annotations.h>

#include <cstdint>

struct Snapshot {
  volatile std::uint32_t status;
  volatile std::uint32_t data[2];
};

Snapshot saved;

std::uint32_t copies_and_loops() {
  Snapshot copy = saved;
  Snapshot assigned;
  assigned = copy;
  std::uint32_t total = 0;
  std::uint32_t values[3] = {1, 2, 3};
  for (std::uint32_t value : values) {
    total += value;
  }
  for (volatile std::uint32_t &word : saved.data) {
    word = 0;
    // CHECK-MESSAGES: :[[@LINE-1]]:5: warning: volatile access through reference 'word' outside LEASH_UNSAFE code; mark the function LEASH_UNSAFE("why") or wrap it in LEASH_UNSAFE_BLOCK("why") [leash-unsafe-unmarked]
  }
  return total + assigned.status;
}
