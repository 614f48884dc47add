/// Test support: a violation hook that records calls instead of panicking.
#ifndef LEASH_TESTS_VIOLATION_RECORDER_H
#define LEASH_TESTS_VIOLATION_RECORDER_H

#include "leash/violation.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <string>
#include <vector>

/// 1 if the compiler can read `mutable` members during constant evaluation,
/// which cells rely on in constant expressions: Clang can, GCC 12 cannot.
/// Constant initialization (`constinit`) works with both.
#if defined(__clang__)
#define LEASH_TEST_CONSTEXPR_CELLS 1
#else
#define LEASH_TEST_CONSTEXPR_CELLS 0
#endif

namespace leash_test {

/// One call of `leash::violation_hook`.
struct RecordedViolation {
  /// The kind reported.
  leash::Violation kind;
  /// The message reported.
  std::string message;
};

/// Every call of the hook since the last `clear_violations()`, in order.
const std::vector<RecordedViolation> &violations();

/// Forgets every recorded call.
void clear_violations();

/// How many calls reported `kind`.
std::size_t count_violations(leash::Violation kind);

/// A fixture that starts every test with no recorded violations.
class RecordingTest : public ::testing::Test {
protected:
  void SetUp() override { clear_violations(); }
};

} // namespace leash_test

#endif // LEASH_TESTS_VIOLATION_RECORDER_H
