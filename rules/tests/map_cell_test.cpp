/// Tests for map_cell.h: MapCell<T>.
#include "leash/map_cell.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <type_traits>

namespace {

using leash::MapCell;
using leash::Violation;
using MapCellTest = leash_test::RecordingTest;

static_assert(!std::is_copy_constructible_v<MapCell<int>>);
static_assert(std::is_trivially_destructible_v<MapCell<int>>);
static_assert(std::is_same_v<MapCell<std::string>::value_type, std::string>);

struct Counters {
  int ticks = 0;
};

constinit MapCell<Counters> constant_cell{Counters{4}};

TEST_F(MapCellTest, DefaultIsEmpty) {
  const MapCell<int> cell;
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(cell.is_some());
  EXPECT_EQ(cell.take(), std::nullopt);
}

TEST_F(MapCellTest, ConstructorFills) {
  EXPECT_TRUE(constant_cell.is_some());
  EXPECT_EQ(constant_cell.map([](Counters &c) { return c.ticks; }), 4);
}

TEST_F(MapCellTest, HoldsNonTrivialValuesInPlace) {
  const MapCell<std::string> cell{std::string("hello")};
  cell.map([](std::string &text) { text += " world"; });
  EXPECT_EQ(cell.take(), "hello world");
  EXPECT_TRUE(cell.is_none());
}

TEST_F(MapCellTest, PutFillsAndReplaces) {
  const MapCell<int> cell;
  cell.put(1);
  EXPECT_TRUE(cell.is_some());
  cell.put(2);
  EXPECT_EQ(cell.take(), 2);
}

TEST_F(MapCellTest, ReplaceReturnsOld) {
  const MapCell<int> cell;
  EXPECT_EQ(cell.replace(1), std::nullopt);
  EXPECT_EQ(cell.replace(2), 1);
  EXPECT_EQ(cell.take(), 2);
}

TEST_F(MapCellTest, MapMutatesInPlace) {
  const MapCell<Counters> cell{Counters{}};
  EXPECT_TRUE(cell.map([](Counters &c) { ++c.ticks; }));
  std::optional<int> ticks = cell.map([](Counters &c) { return ++c.ticks; });
  EXPECT_EQ(ticks, 2);
  EXPECT_TRUE(cell.is_some());
}

TEST_F(MapCellTest, MapOnEmptyDoesNotRun) {
  const MapCell<int> cell;
  bool ran = false;
  EXPECT_FALSE(cell.map([&ran](int &) { ran = true; }));
  EXPECT_FALSE(ran);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(MapCellTest, ReentrantMapIsRefused) {
  const MapCell<int> cell{1};
  bool inner_ran = false;
  cell.map([&](int &) {
    EXPECT_TRUE(cell.is_some()); // still full while borrowed
    auto inner = cell.map([&](int &) {
      inner_ran = true;
      return 0;
    });
    EXPECT_EQ(inner, std::nullopt);
  });
  EXPECT_FALSE(inner_ran);
  EXPECT_EQ(leash_test::count_violations(Violation::MapCellReentered), 1u);
  // After the outer map the cell works again.
  EXPECT_EQ(cell.map([](int &v) { return v; }), 1);
}

TEST_F(MapCellTest, ReentrantMapOrIsRefused) {
  const MapCell<int> cell{1};
  cell.map(
      [&](int &) { EXPECT_EQ(cell.map_or(-1, [](int &v) { return v; }), -1); });
  EXPECT_EQ(leash_test::count_violations(Violation::MapCellReentered), 1u);
}

TEST_F(MapCellTest, ReentrantTakeIsRefused) {
  const MapCell<int> cell{1};
  cell.map([&](int &) { EXPECT_EQ(cell.take(), std::nullopt); });
  EXPECT_EQ(leash_test::count_violations(Violation::MapCellReentered), 1u);
  EXPECT_EQ(cell.take(), 1);
}

TEST_F(MapCellTest, ReentrantPutIsRefused) {
  const MapCell<int> cell{1};
  cell.map([&](int &) { cell.put(2); });
  EXPECT_EQ(leash_test::count_violations(Violation::MapCellReentered), 1u);
  EXPECT_EQ(cell.take(), 1);
}

TEST_F(MapCellTest, ReentrantReplaceIsRefusedAndHandsTheValueBack) {
  const MapCell<int> cell{1};
  cell.map([&](int &) { EXPECT_EQ(cell.replace(2), 2); });
  EXPECT_EQ(leash_test::count_violations(Violation::MapCellReentered), 1u);
  EXPECT_EQ(cell.take(), 1);
}

TEST_F(MapCellTest, MapOr) {
  const MapCell<int> cell;
  auto twice = [](int &v) { return v * 2; };
  EXPECT_EQ(cell.map_or(-1, twice), -1);
  cell.put(3);
  EXPECT_EQ(cell.map_or(-1, twice), 6);
}

#if LEASH_TEST_CONSTEXPR_CELLS
TEST_F(MapCellTest, UsableInConstantExpressions) {
  constexpr int value = [] {
    MapCell<int> cell;
    cell.put(2);
    cell.map([](int &v) { v += 1; });
    return *cell.take();
  }();
  EXPECT_EQ(value, 3);
}
#endif

} // namespace
