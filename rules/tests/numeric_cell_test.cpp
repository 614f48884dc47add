/// Tests for numeric_cell.h: arithmetic on Cell<integer>.
#include "leash/numeric_cell.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace {

using leash::Cell;

template <typename T>
concept CanIncrement =
    requires(const Cell<T> &cell) { leash::increment(cell); };

static_assert(CanIncrement<int>);
static_assert(CanIncrement<std::uint8_t>);
static_assert(!CanIncrement<bool>);
static_assert(!CanIncrement<float>);

TEST(NumericCellTest, AddAndSubtract) {
  const Cell<int> cell{10};
  leash::add(cell, 5);
  EXPECT_EQ(cell.get(), 15);
  leash::subtract(cell, 20);
  EXPECT_EQ(cell.get(), -5);
}

TEST(NumericCellTest, IncrementAndDecrement) {
  const Cell<unsigned> cell{1};
  leash::increment(cell);
  leash::increment(cell);
  EXPECT_EQ(cell.get(), 3u);
  leash::decrement(cell);
  EXPECT_EQ(cell.get(), 2u);
}

TEST(NumericCellTest, GetAndAddReturnsPreviousValue) {
  const Cell<long> cell{4};
  EXPECT_EQ(leash::get_and_add(cell, 3), 4);
  EXPECT_EQ(cell.get(), 7);
  EXPECT_EQ(leash::get_and_subtract(cell, 2), 7);
  EXPECT_EQ(cell.get(), 5);
}

TEST(NumericCellTest, GetAndIncrementIsPostfix) {
  const Cell<std::size_t> cell{0};
  EXPECT_EQ(leash::get_and_increment(cell), 0u);
  EXPECT_EQ(leash::get_and_increment(cell), 1u);
  EXPECT_EQ(leash::get_and_decrement(cell), 2u);
  EXPECT_EQ(cell.get(), 1u);
}

TEST(NumericCellTest, UnsignedWrapsAround) {
  const Cell<std::uint8_t> cell{255};
  leash::increment(cell);
  EXPECT_EQ(cell.get(), 0);
  leash::decrement(cell);
  EXPECT_EQ(cell.get(), 255);
  leash::add(cell, 2);
  EXPECT_EQ(cell.get(), 1);
}

TEST(NumericCellTest, SignedWrapsAroundWithoutUndefinedBehaviour) {
  constexpr int max = std::numeric_limits<int>::max();
  constexpr int min = std::numeric_limits<int>::min();
  // Evaluated at compile time, where signed overflow would not compile.
  static_assert(leash::detail::wrapping_add(max, 1) == min);
  static_assert(leash::detail::wrapping_subtract(min, 1) == max);
  const Cell<int> cell{max};
  leash::increment(cell);
  EXPECT_EQ(cell.get(), min);
  const Cell<std::int8_t> small{-128};
  EXPECT_EQ(leash::get_and_decrement(small), -128);
  EXPECT_EQ(small.get(), 127);
  leash::subtract(small, -1);
  EXPECT_EQ(small.get(), -128);
}

} // namespace
