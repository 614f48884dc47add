/// Tests for map_result.h: what `map` returns.
#include "leash/map_result.h"

#include <gtest/gtest.h>

#include <optional>
#include <type_traits>

namespace {

using leash::MapResult;

static_assert(std::is_same_v<MapResult<void>, bool>);
static_assert(std::is_same_v<MapResult<int>, std::optional<int>>);
// References and qualifiers are removed: no reference escapes through map.
static_assert(std::is_same_v<MapResult<int &>, std::optional<int>>);
static_assert(std::is_same_v<MapResult<const int &>, std::optional<int>>);
static_assert(std::is_same_v<MapResult<const int>, std::optional<int>>);

TEST(MapResultTest, InvokeForMapWrapsAValue) {
  auto result =
      leash::detail::invoke_for_map([](int value) { return value + 1; }, 1);
  static_assert(std::is_same_v<decltype(result), std::optional<int>>);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(*result, 2);
}

TEST(MapResultTest, InvokeForMapReportsThatAVoidCallableRan) {
  int runs = 0;
  bool ran = leash::detail::invoke_for_map([&runs] { ++runs; });
  EXPECT_TRUE(ran);
  EXPECT_EQ(runs, 1);
}

TEST(MapResultTest, InvokeForMapCopiesAReturnedReference) {
  int value = 5;
  auto result = leash::detail::invoke_for_map(
      [](int &ref) -> int & { return ref; }, value);
  static_assert(std::is_same_v<decltype(result), std::optional<int>>);
  value = 6;
  EXPECT_EQ(*result, 5);
}

} // namespace
