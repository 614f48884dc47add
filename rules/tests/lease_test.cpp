/// Tests for lease.h: Lease<T>, ownership and window.
#include "leash/lease.h"

#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <iterator>
#include <type_traits>
#include <utility>

namespace {

using leash::Lease;
using leash::Violation;
using LeaseTest = leash_test::RecordingTest;
using ByteLease = Lease<std::uint8_t>;

static_assert(!std::is_copy_constructible_v<ByteLease>);
static_assert(!std::is_copy_assignable_v<ByteLease>);
static_assert(std::is_nothrow_move_constructible_v<ByteLease>);
static_assert(std::is_nothrow_move_assignable_v<ByteLease>);
static_assert(std::is_same_v<ByteLease::value_type, std::uint8_t>);
static_assert(std::is_same_v<ByteLease::size_type, std::size_t>);
static_assert(std::forward_iterator<ByteLease::iterator>);
static_assert(std::forward_iterator<ByteLease::const_iterator>);
static_assert(std::is_same_v<std::iter_reference_t<ByteLease::const_iterator>,
                             const std::uint8_t &>);
// No implicit way to a raw pointer: only the unsafe accessor.
static_assert(!std::is_convertible_v<ByteLease::iterator, std::uint8_t *>);

std::uint8_t buffer[8];
std::uint8_t other_buffer[2];
std::uint32_t words[4];
ByteLease parked;

// Leases can be created by constant initialization, at start-up.
constinit Lease<std::uint32_t> static_lease = Lease<std::uint32_t>::from(words);

TEST_F(LeaseTest, FromCoversTheWholeArray) {
  ByteLease lease = ByteLease::from(buffer);
  EXPECT_FALSE(lease.is_empty());
  EXPECT_EQ(lease.capacity(), 8u);
  EXPECT_EQ(lease.size(), 8u);
  EXPECT_FALSE(static_lease.is_empty());
  EXPECT_EQ(static_lease.size(), 4u);
}

TEST_F(LeaseTest, DefaultIsEmpty) {
  const ByteLease lease;
  EXPECT_TRUE(lease.is_empty());
  EXPECT_EQ(lease.size(), 0u);
  EXPECT_EQ(lease.capacity(), 0u);
  EXPECT_EQ(lease.begin(), lease.end());
  LEASH_UNSAFE_BLOCK("test") { EXPECT_EQ(lease.raw_data(), nullptr); }
}

TEST_F(LeaseTest, MovedFromLeaseIsEmpty) {
  ByteLease source = ByteLease::from(buffer);
  source.slice(2, 6);
  ByteLease target = std::move(source);
  EXPECT_TRUE(source.is_empty()); // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(source.size(), 0u);
  EXPECT_EQ(source.capacity(), 0u);
  EXPECT_FALSE(target.is_empty());
  EXPECT_EQ(target.size(), 4u); // the window moves along
  EXPECT_EQ(target.capacity(), 8u);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(LeaseTest, MoveAssignIntoEmptyLease) {
  ByteLease target;
  ByteLease source = ByteLease::from(buffer);
  target = std::move(source);
  EXPECT_TRUE(source.is_empty()); // NOLINT(bugprone-use-after-move)
  EXPECT_EQ(target.capacity(), 8u);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(LeaseTest, MoveAssignOverFullLeaseReportsTheLostBuffer) {
  ByteLease target = ByteLease::from(buffer);
  target = ByteLease::from(other_buffer);
  EXPECT_EQ(leash_test::count_violations(Violation::LeaseDroppedWhileFull), 1u);
  EXPECT_EQ(target.capacity(), 2u);
}

TEST_F(LeaseTest, SelfMoveAssignKeepsTheBuffer) {
  ByteLease lease = ByteLease::from(buffer);
  ByteLease &alias = lease;
  lease = std::move(alias);
  EXPECT_FALSE(lease.is_empty());
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(LeaseTest, DestroyingAFullLeaseReachesThePanicHook) {
  { ByteLease lease = ByteLease::from(buffer); }
  ASSERT_EQ(leash_test::violations().size(), 1u);
  EXPECT_EQ(leash_test::violations()[0].kind, Violation::LeaseDroppedWhileFull);
}

TEST_F(LeaseTest, DestroyingAnEmptyOrMovedFromLeaseIsSilent) {
  { ByteLease empty; }
  {
    ByteLease lease = ByteLease::from(other_buffer);
    parked = std::move(lease); // `lease` dies empty, `parked` owns the buffer
  }
  EXPECT_TRUE(leash_test::violations().empty());
  ByteLease back = std::move(parked);
  EXPECT_EQ(back.capacity(), 2u);
}

TEST_F(LeaseTest, SliceNarrowsTheWindowRelativeToItself) {
  ByteLease lease = ByteLease::from(buffer);
  for (std::size_t i = 0; i < 8; ++i) {
    lease[i] = static_cast<std::uint8_t>(i);
  }
  lease.slice(2, 7); // [2, 7)
  EXPECT_EQ(lease.size(), 5u);
  EXPECT_EQ(lease[0], 2);
  lease.slice(1, 3); // [3, 5) of the buffer
  EXPECT_EQ(lease.size(), 2u);
  EXPECT_EQ(lease[0], 3);
  EXPECT_EQ(lease[1], 4);
  EXPECT_EQ(lease.capacity(), 8u);
}

TEST_F(LeaseTest, SliceClampsOutOfRangeValues) {
  ByteLease lease = ByteLease::from(buffer);
  lease.slice(3, 100); // end clamps to size()
  EXPECT_EQ(lease.size(), 5u);
  lease.slice(4, 2); // start clamps to end
  EXPECT_EQ(lease.size(), 0u);
  lease.reset();
  lease.slice(SIZE_MAX, SIZE_MAX); // no overflow: an empty window at the end
  EXPECT_EQ(lease.size(), 0u);
  lease.reset();
  lease.slice(6, 8);
  lease.slice(0, SIZE_MAX);
  EXPECT_EQ(lease.size(), 2u);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(LeaseTest, SliceOnEmptyLeaseStaysEmpty) {
  ByteLease lease;
  lease.slice(1, 2);
  EXPECT_EQ(lease.size(), 0u);
  lease.reset();
  EXPECT_TRUE(lease.is_empty());
}

TEST_F(LeaseTest, ResetRestoresTheWholeBuffer) {
  ByteLease lease = ByteLease::from(buffer);
  lease.slice(1, 2);
  lease.reset();
  EXPECT_EQ(lease.size(), 8u);
}

TEST_F(LeaseTest, IndexReadsAndWritesTheWindow) {
  ByteLease lease = ByteLease::from(buffer);
  lease.slice(4, 8);
  lease[1] = 99;
  EXPECT_EQ(buffer[5], 99);
  const ByteLease &view = lease;
  EXPECT_EQ(view[1], 99);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(LeaseTest, IndexOutOfRangeReachesThePanicHookAndHarmsNoMemory) {
  ByteLease lease = ByteLease::from(buffer);
  for (std::uint8_t &byte : buffer) {
    byte = 0;
  }
  lease.slice(0, 4);
  lease[4] = 7; // beyond the window, inside the buffer
  EXPECT_EQ(buffer[4], 0);
  const ByteLease &view = lease;
  (void)view[100];
  EXPECT_EQ(leash_test::count_violations(Violation::LeaseIndexOutOfRange), 2u);
}

TEST_F(LeaseTest, IndexOnEmptyLeaseReachesThePanicHook) {
  ByteLease lease;
  lease[0] = 1;
  EXPECT_EQ(leash_test::count_violations(Violation::LeaseIndexOutOfRange), 1u);
}

TEST_F(LeaseTest, IterationCoversTheWindow) {
  ByteLease lease = ByteLease::from(buffer);
  for (std::uint8_t &byte : lease) {
    byte = 1;
  }
  lease.slice(2, 5);
  unsigned sum = 0;
  for (std::uint8_t &byte : lease) {
    byte = 2;
  }
  const ByteLease &view = lease;
  for (std::uint8_t byte : view) {
    sum += byte;
  }
  EXPECT_EQ(sum, 6u);
  EXPECT_EQ(buffer[1], 1);
  EXPECT_EQ(buffer[5], 1);
  auto it = lease.begin();
  auto previous = it++;
  EXPECT_EQ(previous, lease.begin());
  EXPECT_NE(it, lease.begin());
  EXPECT_EQ(std::distance(lease.begin(), lease.end()), 3);
  EXPECT_EQ(ByteLease::iterator(), ByteLease::iterator());
}

TEST_F(LeaseTest, RawDataIsTheWindowStart) {
  ByteLease lease = ByteLease::from(buffer);
  lease.slice(3, 4);
  LEASH_UNSAFE_BLOCK("test compares addresses") {
    EXPECT_EQ(lease.raw_data(), &buffer[3]);
    const ByteLease &view = lease;
    EXPECT_EQ(view.raw_data(), &buffer[3]);
  }
}

} // namespace
