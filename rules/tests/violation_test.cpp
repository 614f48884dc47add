/// Tests for violation.h: the hook, the kinds and the debug-check switch.
#include "leash/violation.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <string_view>

namespace {

using leash::Violation;
using ViolationTest = leash_test::RecordingTest;

TEST_F(ViolationTest, HookIsUserDefinedAndRecords) {
  leash::violation_hook(Violation::MapCellReentered, "test message");
  ASSERT_EQ(leash_test::violations().size(), 1u);
  EXPECT_EQ(leash_test::violations()[0].kind, Violation::MapCellReentered);
  EXPECT_EQ(leash_test::violations()[0].message, "test message");
  EXPECT_EQ(leash_test::count_violations(Violation::MapCellReentered), 1u);
  EXPECT_EQ(leash_test::count_violations(Violation::LeaseIndexOutOfRange), 0u);
}

TEST_F(ViolationTest, HookIsNoexcept) {
  static_assert(
      noexcept(leash::violation_hook(Violation::MapCellReentered, "")));
}

TEST_F(ViolationTest, EveryKindHasItsName) {
  using namespace std::string_view_literals;
  static_assert(leash::violation_name(Violation::LeaseDroppedWhileFull) ==
                "LeaseDroppedWhileFull"sv);
  static_assert(leash::violation_name(Violation::LeaseIndexOutOfRange) ==
                "LeaseIndexOutOfRange"sv);
  static_assert(leash::violation_name(Violation::MapCellReentered) ==
                "MapCellReentered"sv);
  static_assert(leash::violation_name(Violation::TakeCellRefilledDuringMap) ==
                "TakeCellRefilledDuringMap"sv);
  static_assert(leash::violation_name(Violation::ListNodeAlreadyLinked) ==
                "ListNodeAlreadyLinked"sv);
  EXPECT_EQ(leash::violation_name(static_cast<Violation>(200)), "Unknown"sv);
}

TEST_F(ViolationTest, DebugChecksFollowTheMacro) {
  // The test target turns the checks on in every build type.
  static_assert(LEASH_DEBUG_CHECKS == 1);
  static_assert(leash::debug_checks);
}

} // namespace
