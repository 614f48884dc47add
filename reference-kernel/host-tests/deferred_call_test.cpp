/// Tests of deferred calls: the table, the pending bits, the service order.
#include "kernel/deferred_call.h"

#include <gtest/gtest.h>

#include <vector>

namespace {

/// A client that logs its calls and may set a call from inside one.
class Probe final : public kernel::DeferredCallClient {
public:
  Probe(int id, std::vector<int> &log) : id_(id), log_(log) {
    call.register_client(*this);
  }
  void handle_deferred_call() const override {
    log_.push_back(id_);
    if (resets_left > 0) {
      --resets_left;
      call.set();
    }
  }

  kernel::DeferredCall call;
  mutable int resets_left = 0;

private:
  int id_;
  std::vector<int> &log_;
};

/// The log, and three probes in static storage: deferred calls take table
/// entries for good, as they do in the kernel.
std::vector<int> &log() {
  static std::vector<int> entries;
  return entries;
}
Probe &first() {
  static Probe probe(1, log());
  return probe;
}
Probe &second() {
  static Probe probe(2, log());
  return probe;
}
Probe &third() {
  static Probe probe(3, log());
  return probe;
}

class DeferredCallTest : public ::testing::Test {
protected:
  void SetUp() override {
    first(), second(), third(); // Entries in this order.
    while (kernel::DeferredCall::service_next_pending()) {
    }
    log().clear();
  }
};

TEST_F(DeferredCallTest, NothingPendingNothingRuns) {
  EXPECT_FALSE(kernel::DeferredCall::has_pending());
  EXPECT_FALSE(kernel::DeferredCall::service_next_pending());
  EXPECT_TRUE(log().empty());
}

TEST_F(DeferredCallTest, RunsLowestEntryFirstAndEachSetOnce) {
  third().call.set();
  first().call.set();
  second().call.set();
  first().call.set(); // Already pending: still one run.
  EXPECT_TRUE(first().call.is_pending());
  while (kernel::DeferredCall::service_next_pending()) {
  }
  EXPECT_EQ(log(), (std::vector<int>{1, 2, 3}));
  EXPECT_FALSE(first().call.is_pending());
}

TEST_F(DeferredCallTest, AClientMaySetItsCallAgainFromTheHandler) {
  second().resets_left = 2;
  second().call.set();
  third().call.set();
  while (kernel::DeferredCall::service_next_pending()) {
  }
  // The second entry stays the lowest pending one while it re-sets itself.
  EXPECT_EQ(log(), (std::vector<int>{2, 2, 2, 3}));
}

TEST_F(DeferredCallTest, EveryCreatedCallHasAClient) {
  EXPECT_TRUE(kernel::DeferredCall::verify_setup());
}

TEST(DeferredCallDeathTest, ACallWithoutAClientFailsTheSetupCheck) {
  // In a child process, so the table of the other tests stays whole.
  EXPECT_EXIT(
      {
        static kernel::DeferredCall orphan;
        std::exit(kernel::DeferredCall::verify_setup() ? 0 : 3);
      },
      ::testing::ExitedWithCode(3), "");
}

} // namespace
