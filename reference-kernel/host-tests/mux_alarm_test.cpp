/// Tests of the alarm mux and virtual alarms: order, callbacks, the wrap.
#include "capsules/alarm_step.h"
#include "capsules/mux_alarm.h"
#include "capsules/virtual_alarm.h"
#include "support/fake_alarm.h"
#include "support/host_hooks.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <memory>
#include <random>
#include <vector>

namespace {

using host_tests::FakeAlarm;
using host_tests::Ticks;

/// One firing: which alarm, and what the counter read.
struct Firing {
  int id;
  Ticks at;
  bool operator==(const Firing &) const = default;
};

/// A client that logs its firings and may act on them.
class Recorder final : public kernel::hil::time::AlarmClient {
public:
  Recorder(int id, const FakeAlarm &clock, std::vector<Firing> &log)
      : id_(id), clock_(clock), log_(log) {}

  void alarm_fired() const override {
    log_.push_back({id_, clock_.now()});
    if (on_fire) {
      on_fire();
    }
  }

  /// Runs after the firing is logged.
  std::function<void()> on_fire;

private:
  int id_;
  const FakeAlarm &clock_;
  std::vector<Firing> &log_;
};

/// A mux over a fake hardware alarm, and a supply of virtual alarms.
class MuxAlarmTest : public ::testing::Test {
protected:
  explicit MuxAlarmTest(Ticks start = 1000)
      : hardware_(start), mux_(hardware_) {
    hardware_.set_alarm_client(mux_);
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  /// A new virtual alarm of the mux with a Recorder numbered `id`.
  std::pair<const capsules::VirtualAlarm &, Recorder &> add(int id) {
    alarms_.push_back(std::make_unique<capsules::VirtualAlarm>(mux_));
    recorders_.push_back(std::make_unique<Recorder>(id, hardware_, log_));
    alarms_.back()->set_alarm_client(*recorders_.back());
    return {*alarms_.back(), *recorders_.back()};
  }

  FakeAlarm hardware_;
  capsules::MuxAlarm mux_;
  std::vector<std::unique_ptr<capsules::VirtualAlarm>> alarms_;
  std::vector<std::unique_ptr<Recorder>> recorders_;
  std::vector<Firing> log_;
  std::size_t violations_before_ = 0;
};

TEST_F(MuxAlarmTest, FiresInExpiryOrderAtTheirMoments) {
  auto [a, ra] = add(1);
  auto [b, rb] = add(2);
  auto [c, rc] = add(3);
  a.set_alarm(1000, 300);
  b.set_alarm(1000, 100);
  c.set_alarm(1000, 200);
  EXPECT_EQ(hardware_.get_alarm(), 1100U); // The hardware waits for b.
  hardware_.run_for(1000);
  EXPECT_EQ(log_, (std::vector<Firing>{{2, 1100}, {3, 1200}, {1, 1300}}));
  EXPECT_FALSE(hardware_.is_armed()); // Nothing left: the hardware is off.
}

TEST_F(MuxAlarmTest, OrdersAlarmsAcrossTheWrapOfTheCounter) {
  hardware_.set_now(0xFFFF'FF00);
  auto [late, r1] = add(1);
  auto [early, r2] = add(2);
  auto [latest, r3] = add(3);
  late.set_alarm(0xFFFF'FF00, 0x200);   // 0x100 after the wrap.
  early.set_alarm(0xFFFF'FF00, 0x80);   // 0x80 before the wrap.
  latest.set_alarm(0xFFFF'FF00, 0x380); // 0x280 after the wrap.
  hardware_.run_for(0x1000);
  EXPECT_EQ(log_,
            (std::vector<Firing>{{2, 0xFFFF'FF80}, {1, 0x100}, {3, 0x280}}));
}

TEST_F(MuxAlarmTest, AnAlarmWhoseMomentPassedFiresAtOnce) {
  auto [a, ra] = add(1);
  a.set_alarm(500, 100); // Expired at 600; the counter reads 1000.
  EXPECT_EQ(hardware_.remaining(), 0U);
  hardware_.run_for(1);
  EXPECT_EQ(log_, (std::vector<Firing>{{1, 1000}}));
}

TEST_F(MuxAlarmTest, CallbacksSetAlarmsThatFireInTheirPlace) {
  auto [a, ra] = add(1);
  auto [b, rb] = add(2);
  auto [c, rc] = add(3);
  // a's callback sets c 50 ticks after a's own expiry, before b.
  ra.on_fire = [&c = c, &a = a] { c.set_alarm(a.get_alarm(), 50); };
  // b's callback sets itself again, once.
  int b_firings = 0;
  rb.on_fire = [&b = b, &b_firings] {
    if (++b_firings == 1) {
      b.set_alarm(b.get_alarm(), 500);
    }
  };
  a.set_alarm(1000, 100);
  b.set_alarm(1000, 200);
  hardware_.run_for(2000);
  EXPECT_EQ(log_,
            (std::vector<Firing>{{1, 1100}, {3, 1150}, {2, 1200}, {2, 1700}}));
}

TEST_F(MuxAlarmTest, ALateKernelLoopStillFiresInOrderOnce) {
  auto [a, ra] = add(1);
  auto [b, rb] = add(2);
  auto [c, rc] = add(3);
  ra.on_fire = [&c = c, &a = a] { c.set_alarm(a.get_alarm(), 50); };
  a.set_alarm(1000, 100);
  b.set_alarm(1000, 200);
  // The loop notices the first expiry 500 ticks late: everything is due at
  // once, and still fires earliest expiry first, c (set by a for 1150)
  // included, before b (1200).
  hardware_.run_for(1000, /*latency=*/500);
  ASSERT_EQ(log_.size(), 3U);
  EXPECT_EQ(log_[0].id, 1);
  EXPECT_EQ(log_[1].id, 3);
  EXPECT_EQ(log_[2].id, 2);
}

TEST_F(MuxAlarmTest, DisarmingInACallbackSilencesTheAlarm) {
  auto [a, ra] = add(1);
  auto [b, rb] = add(2);
  ra.on_fire = [&b = b] { b.disarm(); };
  a.set_alarm(1000, 100);
  b.set_alarm(1000, 150);
  hardware_.run_for(1000);
  EXPECT_EQ(log_, (std::vector<Firing>{{1, 1100}}));
  EXPECT_FALSE(b.is_armed());
}

TEST_F(MuxAlarmTest, AClientThatKeepsSettingAnExpiredAlarmCannotTrapTheMux) {
  auto [a, ra] = add(1);
  int firings = 0;
  ra.on_fire = [&a = a, &firings, this] {
    if (++firings < 5) {
      a.set_alarm(hardware_.now(), 0); // Expired as soon as set.
    }
  };
  a.set_alarm(1000, 10);
  // One firing per round of the hardware alarm: each round returns.
  EXPECT_EQ(hardware_.run_for(100), 5U);
  EXPECT_EQ(firings, 5);
}

TEST_F(MuxAlarmTest, AnAlarmBeyondHalfTheRangeFiresOnlyAtTheEnd) {
  auto [a, ra] = add(1);
  const Ticks dt = 0xC000'0000;
  a.set_alarm(1000, dt);
  EXPECT_EQ(a.get_alarm(), static_cast<Ticks>(1000 + dt));
  // The first step ends half a range early, silently.
  EXPECT_EQ(hardware_.run_for(dt - 1), 1U);
  EXPECT_TRUE(log_.empty());
  EXPECT_TRUE(a.is_armed());
  hardware_.run_for(10);
  EXPECT_EQ(log_, (std::vector<Firing>{{1, static_cast<Ticks>(1000 + dt)}}));
}

TEST_F(MuxAlarmTest, ManyAlarmsFireSortedByExpiry) {
  std::mt19937 random(42);
  std::vector<std::pair<Ticks, int>> expected;
  for (int id = 0; id < 24; ++id) {
    auto [alarm, recorder] = add(id);
    const Ticks dt = 1 + random() % 100'000;
    alarm.set_alarm(hardware_.now(), dt);
    expected.emplace_back(static_cast<Ticks>(1000 + dt), id);
  }
  std::sort(expected.begin(), expected.end());
  hardware_.run_for(200'000);
  ASSERT_EQ(log_.size(), expected.size());
  for (std::size_t index = 0; index < log_.size(); ++index) {
    EXPECT_EQ(log_[index].at, expected[index].first);
  }
}

TEST_F(MuxAlarmTest, VirtualAlarmsShowTheHardwareClock) {
  auto [a, ra] = add(1);
  hardware_.set_now(77);
  EXPECT_EQ(a.now(), 77U);
  EXPECT_EQ(a.frequency_hz(), 1000U);
  EXPECT_EQ(a.minimum_dt(), 0U);
  a.disarm();
}

TEST(AlarmStepTest, ExpiryArithmeticHoldsAcrossTheWrap) {
  const capsules::AlarmStep step{0xFFFF'FFF0U, 0x20};
  EXPECT_EQ(step.expiry(), 0x10U);
  EXPECT_FALSE(step.has_expired(0xFFFF'FFF8U));
  EXPECT_EQ(step.remaining(0xFFFF'FFF8U), 0x18U);
  EXPECT_TRUE(step.has_expired(0x10U));
  EXPECT_EQ(step.remaining(0x10U), 0U);
  EXPECT_EQ(step.overdue(0x15U), 5U);
}

} // namespace
