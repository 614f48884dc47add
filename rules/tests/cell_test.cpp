/// Tests for cell.h: Cell<T>.
#include "leash/cell.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <string>
#include <type_traits>

namespace {

using leash::Cell;

template <typename T>
concept CanMakeCell = requires { sizeof(Cell<T>); };

struct Point {
  int x;
  int y;
};

struct NotTriviallyCopyable {
  NotTriviallyCopyable(const NotTriviallyCopyable &) {}
};

// Cell<T> requires a trivially copyable T: these must not compile.
static_assert(CanMakeCell<int>);
static_assert(CanMakeCell<Point>);
static_assert(CanMakeCell<const int *>);
static_assert(!CanMakeCell<std::string>);
static_assert(!CanMakeCell<NotTriviallyCopyable>);
static_assert(!CanMakeCell<int &>);
static_assert(!CanMakeCell<const int>);

// A cell is a place: neither copyable nor movable.
static_assert(!std::is_copy_constructible_v<Cell<int>>);
static_assert(!std::is_move_constructible_v<Cell<int>>);
static_assert(!std::is_copy_assignable_v<Cell<int>>);
static_assert(std::is_same_v<Cell<int>::value_type, int>);

// Constant initialization, for statics.
constinit Cell<int> constant_cell{7};

TEST(CellTest, DefaultHoldsValueInitializedValue) {
  const Cell<int> cell;
  EXPECT_EQ(cell.get(), 0);
  const Cell<Point> point;
  EXPECT_EQ(point.get().x, 0);
}

TEST(CellTest, ConstructorStoresValue) {
  EXPECT_EQ(constant_cell.get(), 7);
  const Cell<Point> point{Point{1, 2}};
  EXPECT_EQ(point.get().y, 2);
}

TEST(CellTest, SetThroughConstReference) {
  const Cell<int> cell{1};
  cell.set(5);
  EXPECT_EQ(cell.get(), 5);
}

TEST(CellTest, ReplaceReturnsOldValue) {
  const Cell<int> cell{1};
  EXPECT_EQ(cell.replace(2), 1);
  EXPECT_EQ(cell.get(), 2);
}

TEST(CellTest, TakeLeavesDefault) {
  const Cell<int> cell{9};
  EXPECT_EQ(cell.take(), 9);
  EXPECT_EQ(cell.get(), 0);
}

TEST(CellTest, SwapExchangesValues) {
  const Cell<int> a{1};
  const Cell<int> b{2};
  a.swap(b);
  EXPECT_EQ(a.get(), 2);
  EXPECT_EQ(b.get(), 1);
  a.swap(a);
  EXPECT_EQ(a.get(), 2);
}

#if LEASH_TEST_CONSTEXPR_CELLS
TEST(CellTest, UsableInConstantExpressions) {
  constexpr int value = [] {
    Cell<int> cell{3};
    cell.set(cell.replace(4) + cell.take());
    return cell.get();
  }();
  EXPECT_EQ(value, 7);
}
#endif

} // namespace
