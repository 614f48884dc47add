/// Test support: kernel::panic aborts, violations are counted and printed.
#include "support/host_hooks.h"

#include "kernel/panic.h"

#include <leash/violation.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace host_tests {
namespace {

/// The violations reported so far.
std::atomic<std::size_t> violations{0};

} // namespace

std::size_t violation_count() { return violations.load(); }

} // namespace host_tests

/// A panic ends the test program, as it ends the kernel (death tests
/// expect it).
void kernel::panic(std::string_view message) {
  std::fprintf(stderr, "kernel panic: %.*s\n", static_cast<int>(message.size()),
               message.data());
  std::abort();
}

/// Counts the violation and lets the vocabulary refuse the operation.
/// Silent: fixtures that own leases report them as lost when they are
/// destroyed, which is expected; tests compare counts instead.
void leash::violation_hook(Violation, const char *) noexcept {
  host_tests::violations.fetch_add(1);
}
