/// Test support: the host tests' definition of leash::violation_hook.
#include "violation_recorder.h"

namespace leash_test {
namespace {

// Never destroyed: leases in static storage may report while the program
// exits, after function-local statics are gone.
std::vector<RecordedViolation> &storage() {
  static std::vector<RecordedViolation> &recorded =
      *new std::vector<RecordedViolation>();
  return recorded;
}

} // namespace

const std::vector<RecordedViolation> &violations() { return storage(); }

void clear_violations() { storage().clear(); }

std::size_t count_violations(leash::Violation kind) {
  std::size_t count = 0;
  for (const RecordedViolation &recorded : storage()) {
    count += recorded.kind == kind ? 1 : 0;
  }
  return count;
}

} // namespace leash_test

/// Records the call; returns, so the vocabulary refuses the operation.
void leash::violation_hook(Violation kind, const char *message) noexcept {
  leash_test::storage().push_back({kind, message});
}
