/// Tests for take_cell.h: TakeCell<T> for references and for owning handles.
#include "leash/take_cell.h"

#include "leash/lease.h"
#include "violation_recorder.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <type_traits>
#include <utility>

namespace {

using leash::Lease;
using leash::TakeCell;
using leash::Violation;
using TakeCellTest = leash_test::RecordingTest;
using TakeCellLeaseTest = leash_test::RecordingTest;

struct Foo {
  int value = 0;
};

/// A user-defined owning handle, opting in like Lease does.
class Token {
public:
  static constexpr bool leash_owning_handle = true;
  Token() = default;
  explicit Token(int id) : id_(id) {}
  Token(Token &&other) noexcept : id_(std::exchange(other.id_, 0)) {}
  Token &operator=(Token &&other) noexcept {
    id_ = std::exchange(other.id_, 0);
    return *this;
  }
  bool is_empty() const { return id_ == 0; }
  int id() const { return id_; }

private:
  int id_ = 0;
};

static_assert(leash::OwningHandle<Lease<std::uint8_t>>);
static_assert(leash::OwningHandle<Token>);
static_assert(!leash::OwningHandle<Foo>);
static_assert(!leash::OwningHandle<int>);
static_assert(!std::is_copy_constructible_v<TakeCell<Foo>>);
static_assert(!std::is_copy_constructible_v<TakeCell<Lease<std::uint8_t>>>);
static_assert(
    std::is_same_v<decltype(std::declval<TakeCell<Foo> &>().take()), Foo *>);
static_assert(std::is_same_v<
              decltype(std::declval<TakeCell<Lease<std::uint8_t>> &>().take()),
              Lease<std::uint8_t>>);
static_assert(std::is_same_v<TakeCell<Foo>::value_type, Foo>);

// ---- The reference form: TakeCell<Foo> holds a Foo*. ----

Foo static_foo;
constinit TakeCell<Foo> constant_cell{&static_foo};

TEST_F(TakeCellTest, DefaultIsEmpty) {
  const TakeCell<Foo> cell;
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(cell.is_some());
  EXPECT_EQ(cell.take(), nullptr);
  const TakeCell<Foo> from_null{nullptr};
  EXPECT_TRUE(from_null.is_none());
}

TEST_F(TakeCellTest, ConstructorFills) { EXPECT_TRUE(constant_cell.is_some()); }

TEST_F(TakeCellTest, TakeEmpties) {
  Foo foo;
  const TakeCell<Foo> cell{&foo};
  EXPECT_EQ(cell.take(), &foo);
  EXPECT_TRUE(cell.is_none());
  EXPECT_EQ(cell.take(), nullptr);
}

TEST_F(TakeCellTest, PutFillsAndNullEmpties) {
  Foo foo;
  const TakeCell<Foo> cell;
  cell.put(&foo);
  EXPECT_TRUE(cell.is_some());
  cell.put(nullptr);
  EXPECT_TRUE(cell.is_none());
}

TEST_F(TakeCellTest, ReplaceReturnsOld) {
  Foo a;
  Foo b;
  const TakeCell<Foo> cell;
  EXPECT_EQ(cell.replace(&a), nullptr);
  EXPECT_EQ(cell.replace(&b), &a);
  EXPECT_EQ(cell.take(), &b);
}

TEST_F(TakeCellTest, MapLendsAndPutsBack) {
  Foo foo{1};
  const TakeCell<Foo> cell{&foo};
  std::optional<int> result = cell.map([&cell](Foo &lent) {
    EXPECT_TRUE(cell.is_none()); // taken out while lent
    return ++lent.value;
  });
  EXPECT_EQ(result, 2);
  EXPECT_EQ(foo.value, 2);
  EXPECT_EQ(cell.take(), &foo);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(TakeCellTest, MapWithVoidCallableSaysWhetherItRan) {
  Foo foo;
  const TakeCell<Foo> cell{&foo};
  EXPECT_TRUE(cell.map([](Foo &lent) { lent.value = 5; }));
  EXPECT_EQ(foo.value, 5);
}

TEST_F(TakeCellTest, MapOnEmptyCellDoesNotRunTheCallable) {
  const TakeCell<Foo> cell;
  bool ran = false;
  EXPECT_FALSE(cell.map([&ran](Foo &) { ran = true; }));
  EXPECT_EQ(cell.map([&ran](Foo &) {
    ran = true;
    return 1;
  }),
            std::nullopt);
  EXPECT_FALSE(ran);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(TakeCellTest, NestedMapOnSameCellDoesNotRun) {
  Foo foo;
  const TakeCell<Foo> cell{&foo};
  bool inner_ran = false;
  cell.map([&](Foo &) { cell.map([&](Foo &) { inner_ran = true; }); });
  EXPECT_FALSE(inner_ran);
  EXPECT_TRUE(cell.is_some());
}

TEST_F(TakeCellTest, PutInsideMapIsDetected) {
  Foo outer;
  Foo inner;
  const TakeCell<Foo> cell{&outer};
  cell.map([&](Foo &) { cell.put(&inner); });
  EXPECT_EQ(leash_test::count_violations(Violation::TakeCellRefilledDuringMap),
            1u);
  // The value put in during map is kept, not silently overwritten.
  EXPECT_EQ(cell.take(), &inner);
}

TEST_F(TakeCellTest, ReplaceInsideMapIsDetected) {
  Foo outer;
  Foo inner;
  const TakeCell<Foo> cell{&outer};
  cell.map([&](Foo &) { EXPECT_EQ(cell.replace(&inner), nullptr); });
  EXPECT_EQ(leash_test::count_violations(Violation::TakeCellRefilledDuringMap),
            1u);
  EXPECT_EQ(cell.take(), &inner);
}

TEST_F(TakeCellTest, MapOr) {
  Foo foo{3};
  const TakeCell<Foo> cell;
  auto read = [](Foo &lent) { return lent.value; };
  EXPECT_EQ(cell.map_or(-1, read), -1);
  cell.put(&foo);
  EXPECT_EQ(cell.map_or(-1, read), 3);
  EXPECT_EQ(cell.take(), &foo);
}

TEST_F(TakeCellTest, PutInsideMapOrIsDetected) {
  Foo outer;
  Foo inner;
  const TakeCell<Foo> cell{&outer};
  EXPECT_EQ(cell.map_or(0,
                        [&](Foo &) {
                          cell.put(&inner);
                          return 1;
                        }),
            1);
  EXPECT_EQ(leash_test::count_violations(Violation::TakeCellRefilledDuringMap),
            1u);
  EXPECT_EQ(cell.take(), &inner);
}

// ---- The owning-handle form: TakeCell<Lease<uint8_t>> holds the lease. ----

std::uint8_t buffer_a[8];
std::uint8_t buffer_b[4];

TEST_F(TakeCellLeaseTest, DefaultIsEmpty) {
  const TakeCell<Lease<std::uint8_t>> cell;
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(cell.is_some());
  EXPECT_TRUE(cell.take().is_empty());
}

TEST_F(TakeCellLeaseTest, TakeMovesTheLeaseOut) {
  const TakeCell<Lease<std::uint8_t>> cell{Lease<std::uint8_t>::from(buffer_a)};
  EXPECT_TRUE(cell.is_some());
  Lease<std::uint8_t> lease = cell.take();
  EXPECT_FALSE(lease.is_empty());
  EXPECT_EQ(lease.capacity(), 8u);
  EXPECT_TRUE(cell.is_none());
  EXPECT_TRUE(cell.take().is_empty());
  cell.put(std::move(lease));
  EXPECT_TRUE(cell.is_some());
  EXPECT_TRUE(leash_test::violations().empty());
  (void)cell.take();
}

TEST_F(TakeCellLeaseTest, PutEmptyLeaseLeavesCellEmpty) {
  const TakeCell<Lease<std::uint8_t>> cell;
  cell.put(Lease<std::uint8_t>());
  EXPECT_TRUE(cell.is_none());
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(TakeCellLeaseTest, PutIntoFullCellDropsTheOldLease) {
  const TakeCell<Lease<std::uint8_t>> cell{Lease<std::uint8_t>::from(buffer_a)};
  cell.put(Lease<std::uint8_t>::from(buffer_b));
  EXPECT_EQ(leash_test::count_violations(Violation::LeaseDroppedWhileFull), 1u);
  Lease<std::uint8_t> kept = cell.take();
  EXPECT_EQ(kept.capacity(), 4u);
}

TEST_F(TakeCellLeaseTest, ReplaceReturnsTheOldLease) {
  const TakeCell<Lease<std::uint8_t>> cell;
  Lease<std::uint8_t> none = cell.replace(Lease<std::uint8_t>::from(buffer_a));
  EXPECT_TRUE(none.is_empty());
  Lease<std::uint8_t> old = cell.replace(Lease<std::uint8_t>::from(buffer_b));
  EXPECT_EQ(old.capacity(), 8u);
  Lease<std::uint8_t> current = cell.take();
  EXPECT_EQ(current.capacity(), 4u);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(TakeCellLeaseTest, MapLendsTheLeaseAndPutsItBack) {
  const TakeCell<Lease<std::uint8_t>> cell{Lease<std::uint8_t>::from(buffer_a)};
  std::optional<std::size_t> size =
      cell.map([&cell](Lease<std::uint8_t> &lease) {
        EXPECT_TRUE(cell.is_none());
        lease[0] = 42;
        return lease.size();
      });
  EXPECT_EQ(size, 8u);
  EXPECT_EQ(buffer_a[0], 42);
  EXPECT_TRUE(cell.is_some());
  EXPECT_TRUE(cell.map([](Lease<std::uint8_t> &lease) { lease[1] = 1; }));
  EXPECT_TRUE(leash_test::violations().empty());
  (void)cell.take();
}

TEST_F(TakeCellLeaseTest, MapOnEmptyCellDoesNotRunTheCallable) {
  const TakeCell<Lease<std::uint8_t>> cell;
  bool ran = false;
  EXPECT_FALSE(cell.map([&ran](Lease<std::uint8_t> &) { ran = true; }));
  EXPECT_FALSE(ran);
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(TakeCellLeaseTest, PutInsideMapIsDetected) {
  const TakeCell<Lease<std::uint8_t>> cell{Lease<std::uint8_t>::from(buffer_a)};
  cell.map([&cell](Lease<std::uint8_t> &) {
    cell.put(Lease<std::uint8_t>::from(buffer_b));
  });
  EXPECT_EQ(leash_test::count_violations(Violation::TakeCellRefilledDuringMap),
            1u);
  // The lent lease could not go back: it is lost, and that is reported too.
  EXPECT_EQ(leash_test::count_violations(Violation::LeaseDroppedWhileFull), 1u);
  EXPECT_EQ(cell.take().capacity(), 4u);
}

TEST_F(TakeCellLeaseTest, MovingTheLeaseOutInsideMapEmptiesTheCell) {
  const TakeCell<Lease<std::uint8_t>> cell{Lease<std::uint8_t>::from(buffer_a)};
  Lease<std::uint8_t> escaped;
  cell.map(
      [&escaped](Lease<std::uint8_t> &lease) { escaped = std::move(lease); });
  EXPECT_TRUE(cell.is_none());
  EXPECT_FALSE(escaped.is_empty());
  EXPECT_TRUE(leash_test::violations().empty());
}

TEST_F(TakeCellLeaseTest, MapOr) {
  const TakeCell<Lease<std::uint8_t>> cell;
  auto size = [](Lease<std::uint8_t> &lease) { return lease.size(); };
  EXPECT_EQ(cell.map_or(std::size_t{0}, size), 0u);
  cell.put(Lease<std::uint8_t>::from(buffer_b));
  EXPECT_EQ(cell.map_or(std::size_t{0}, size), 4u);
  EXPECT_TRUE(cell.is_some());
  (void)cell.take();
}

TEST_F(TakeCellLeaseTest, UserDefinedOwningHandle) {
  const TakeCell<Token> cell{Token(7)};
  EXPECT_TRUE(cell.is_some());
  EXPECT_EQ(cell.map_or(0, [](Token &token) { return token.id(); }), 7);
  Token token = cell.take();
  EXPECT_EQ(token.id(), 7);
  EXPECT_TRUE(cell.is_none());
}

} // namespace
