/// Tests for annotations.h: exact annotation strings and the block spelling.
#include "leash/annotations.h"

#include <gtest/gtest.h>

#include <string_view>

namespace {

#define STRINGIFY_IMPL(...) #__VA_ARGS__
#define STRINGIFY(...) STRINGIFY_IMPL(__VA_ARGS__)

using std::string_view;

// The annotation strings are a contract with the checker.
TEST(AnnotationsTest, MacrosExpandToTheCheckersStrings) {
#if defined(__clang__)
  EXPECT_EQ(string_view(STRINGIFY(LEASH_UNSAFE("r"))),
            R"([[clang::annotate("leash.unsafe", "r")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_UNSAFE_API)),
            R"([[clang::annotate("leash.unsafe_api")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_COMPONENT)),
            R"([[clang::annotate("leash.component")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_INTERRUPT)),
            R"([[clang::annotate("leash.interrupt")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_IN_FLIGHT)),
            R"([[clang::annotate("leash.in_flight")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_CELL("take"))),
            R"([[clang::annotate("leash.cell", "take")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_LEASE)),
            R"([[clang::annotate("leash.lease")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_STATIC_ONLY)),
            R"([[clang::annotate("leash.static_only")]])");
  EXPECT_EQ(string_view(STRINGIFY(LEASH_ROLE("take"))),
            R"([[clang::annotate("leash.role", "take")]])");
  EXPECT_NE(string_view(STRINGIFY(LEASH_UNSAFE_BLOCK("r")))
                .find(R"([[clang::annotate("leash.unsafe_block", "r")]])"),
            string_view::npos);
#else
  EXPECT_EQ(string_view(STRINGIFY(
                LEASH_UNSAFE("r") LEASH_UNSAFE_API LEASH_COMPONENT
                    LEASH_INTERRUPT LEASH_IN_FLIGHT LEASH_CELL("take")
                        LEASH_LEASE LEASH_STATIC_ONLY LEASH_ROLE("take"))),
            "");
#endif
}

constexpr int in_block(int x) {
  LEASH_UNSAFE_BLOCK("constant evaluation") { return x + 1; }
  return 0;
}
static_assert(in_block(1) == 2, "usable in constexpr functions");

TEST(AnnotationsTest, UnsafeBlockRunsItsStatementsOnce) {
  int runs = 0;
  LEASH_UNSAFE_BLOCK("test") { ++runs; }
  EXPECT_EQ(runs, 1);
}

TEST(AnnotationsTest, UnsafeBlocksNest) {
  int runs = 0;
  LEASH_UNSAFE_BLOCK("outer") {
    ++runs;
    LEASH_UNSAFE_BLOCK("inner") { runs += 10; }
  }
  EXPECT_EQ(runs, 11);
}

TEST(AnnotationsTest, UnsafeBlockWorksInLambdas) {
  auto lambda = [](int x) {
    LEASH_UNSAFE_BLOCK("lambda") { return x * 2; }
    return 0;
  };
  int outer = 0;
  LEASH_UNSAFE_BLOCK("around a lambda") {
    outer = [&] {
      LEASH_UNSAFE_BLOCK("lambda in a block") { return lambda(3); }
      return 0;
    }();
  }
  EXPECT_EQ(outer, 6);
}

TEST(AnnotationsTest, UnsafeBlockKeepsBreakAndContinue) {
  int sum = 0;
  for (int i = 0; i < 10; ++i) {
    LEASH_UNSAFE_BLOCK("loop") {
      if (i == 5) {
        break;
      }
      if (i % 2 == 0) {
        continue;
      }
      sum += i;
    }
  }
  EXPECT_EQ(sum, 1 + 3);
}

// Declarations carrying every annotation compile under both compilers.
class LEASH_COMPONENT Component {
public:
  LEASH_UNSAFE("test") int safe_to_call() const { return 1; }
  LEASH_UNSAFE_API int unsafe_to_call() const { return 2; }
  LEASH_INTERRUPT void handler() const {}
  LEASH_IN_FLIGHT int in_flight = 3;
};
class LEASH_CELL("take") UserCell {
public:
  LEASH_ROLE("test_full") bool holding() const { return full_; }
  LEASH_ROLE("take") int reclaim() const {
    full_ = false;
    return 4;
  }
  template <typename F> LEASH_ROLE("lend") int lend(F f) const { return f(5); }

private:
  mutable bool full_ = true;
};
class LEASH_LEASE UserLease {};
class LEASH_STATIC_ONLY UserStatic {};

TEST(AnnotationsTest, AnnotatedDeclarationsBehaveAsPlainOnes) {
  const Component component;
  component.handler();
  EXPECT_EQ(component.safe_to_call(), 1);
  LEASH_UNSAFE_BLOCK("calls an unsafe API") {
    EXPECT_EQ(component.unsafe_to_call(), 2);
  }
  EXPECT_EQ(component.in_flight, 3);
  const UserCell cell;
  EXPECT_TRUE(cell.holding());
  EXPECT_EQ(cell.reclaim(), 4);
  EXPECT_FALSE(cell.holding());
  EXPECT_EQ(cell.lend([](int value) { return value + 1; }), 6);
  [[maybe_unused]] UserLease lease;
  [[maybe_unused]] UserStatic static_only;
}

} // namespace
