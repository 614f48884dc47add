/// Fuzzer support: a kernel panic or a vocabulary violation is a crash.
#include "fuzz/fuzz_hooks.h"

#include "kernel/panic.h"

#include <leash/violation.h>

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace fuzz {
namespace {

/// See `set_tearing_down`.
bool tearing_down_now = false;

} // namespace

void set_tearing_down(bool tearing_down) { tearing_down_now = tearing_down; }

} // namespace fuzz

/// A panic ends the run, as it ends the kernel: libFuzzer saves the input.
void kernel::panic(std::string_view message) {
  std::fprintf(stderr, "kernel panic: %.*s\n", static_cast<int>(message.size()),
               message.data());
  std::abort();
}

/// A lease lost, an index out of range, any broken rule of the vocabulary:
/// unlike the unit tests, which count them, the fuzzer stops at the first
/// (but for the stack's own leases dropped when it is torn down).
void leash::violation_hook(Violation kind, const char *message) noexcept {
  if (fuzz::tearing_down_now && kind == Violation::LeaseDroppedWhileFull) {
    return;
  }
  std::fprintf(stderr, "leash violation: %s: %s\n", violation_name(kind),
               message);
  std::abort();
}
