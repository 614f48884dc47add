/// Tests for optional_cell.h: OptionalCell<T>.
#include "leash/optional_cell.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <type_traits>

namespace {

using leash::OptionalCell;

template <typename T>
concept CanMakeOptionalCell = requires { sizeof(OptionalCell<T>); };

static_assert(CanMakeOptionalCell<int>);
static_assert(!CanMakeOptionalCell<std::string>);
static_assert(!std::is_copy_constructible_v<OptionalCell<int>>);
static_assert(std::is_same_v<OptionalCell<int>::value_type, int>);

constinit OptionalCell<int> constant_cell{3};

TEST(OptionalCellTest, DefaultIsEmpty) {
  const OptionalCell<int> cell;
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(cell.is_some());
  EXPECT_EQ(cell.get(), std::nullopt);
}

TEST(OptionalCellTest, ConstructorFills) {
  EXPECT_TRUE(constant_cell.is_some());
  EXPECT_EQ(constant_cell.get(), 3);
}

TEST(OptionalCellTest, SetAndClear) {
  const OptionalCell<int> cell;
  cell.set(4);
  EXPECT_TRUE(cell.is_some());
  EXPECT_EQ(cell.get(), 4);
  cell.clear();
  EXPECT_TRUE(cell.is_none());
}

TEST(OptionalCellTest, InsertSetsOrClears) {
  const OptionalCell<int> cell;
  cell.insert(5);
  EXPECT_EQ(cell.get(), 5);
  cell.insert(std::nullopt);
  EXPECT_TRUE(cell.is_none());
}

TEST(OptionalCellTest, ReplaceReturnsOldValue) {
  const OptionalCell<int> cell;
  EXPECT_EQ(cell.replace(1), std::nullopt);
  EXPECT_EQ(cell.replace(2), 1);
  EXPECT_EQ(cell.get(), 2);
}

TEST(OptionalCellTest, TakeEmpties) {
  const OptionalCell<int> cell{6};
  EXPECT_EQ(cell.take(), 6);
  EXPECT_TRUE(cell.is_none());
  EXPECT_EQ(cell.take(), std::nullopt);
}

TEST(OptionalCellTest, Contains) {
  const OptionalCell<int> cell;
  EXPECT_FALSE(cell.contains(0));
  cell.set(7);
  EXPECT_TRUE(cell.contains(7));
  EXPECT_FALSE(cell.contains(8));
}

TEST(OptionalCellTest, UnwrapOr) {
  const OptionalCell<int> cell;
  EXPECT_EQ(cell.unwrap_or(-1), -1);
  cell.set(8);
  EXPECT_EQ(cell.unwrap_or(-1), 8);
}

TEST(OptionalCellTest, MapRunsOnACopy) {
  const OptionalCell<int> cell{2};
  std::optional<int> result = cell.map([&cell](int value) {
    cell.set(100); // the callable works on a copy; the cell may change
    return value * 3;
  });
  EXPECT_EQ(result, 6);
  EXPECT_EQ(cell.get(), 100);
}

TEST(OptionalCellTest, MapOnEmptyDoesNotRun) {
  const OptionalCell<int> cell;
  bool ran = false;
  EXPECT_EQ(cell.map([&ran](int value) {
    ran = true;
    return value;
  }),
            std::nullopt);
  EXPECT_FALSE(ran);
  EXPECT_FALSE(cell.map([&ran](int) { ran = true; }));
  EXPECT_FALSE(ran);
}

TEST(OptionalCellTest, MapWithVoidCallableSaysWhetherItRan) {
  const OptionalCell<int> cell{1};
  int seen = 0;
  EXPECT_TRUE(cell.map([&seen](int value) { seen = value; }));
  EXPECT_EQ(seen, 1);
}

TEST(OptionalCellTest, MapOr) {
  const OptionalCell<int> cell;
  auto twice = [](int value) { return value * 2; };
  EXPECT_EQ(cell.map_or(-1, twice), -1);
  cell.set(4);
  EXPECT_EQ(cell.map_or(-1, twice), 8);
}

#if LEASH_TEST_CONSTEXPR_CELLS
TEST(OptionalCellTest, UsableInConstantExpressions) {
  constexpr int value = [] {
    OptionalCell<int> cell;
    cell.set(2);
    return cell.map_or(0, [](int v) { return v + 1; }) + *cell.take();
  }();
  EXPECT_EQ(value, 5);
}
#endif

} // namespace
