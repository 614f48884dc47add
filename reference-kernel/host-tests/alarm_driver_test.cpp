/// Tests of the alarm system call driver: two processes' alarms on one
/// virtual alarm of a mux over a fake hardware alarm.
#include "capsules/mux_alarm.h"
#include "capsules/process/alarm_driver.h"
#include "capsules/process/driver_table.h"
#include "capsules/virtual_alarm.h"
#include "support/fake_alarm.h"
#include "support/host_hooks.h"
#include "support/process_rig.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <vector>

namespace {

using capsules::process::AlarmDriver;
using capsules::process::DriverEntry;
using capsules::process::DriverTable;
using host_tests::FakeAlarm;
using host_tests::ProcessRig;
using host_tests::ReceivedUpcall;
using kernel::ErrorCode;
using kernel::process::SyscallReturn;

constexpr std::uint32_t alarm = AlarmDriver::driver_number;

/// Counts another client's expiries on the same mux.
class Counter final : public kernel::hil::time::AlarmClient {
public:
  void alarm_fired() const override { ++fired; }
  mutable int fired = 0;
};

/// The driver on one virtual alarm of a mux whose hardware reads 1000, and
/// two processes subscribed to its upcall.
class AlarmDriverTest : public ::testing::Test {
protected:
  AlarmDriverTest()
      : hardware_(1000), mux_(hardware_), virtual_alarm_(mux_),
        other_alarm_(mux_),
        table_(std::array<DriverEntry, 1>{{{alarm, &driver_}}}), rig_(table_),
        driver_(rig_.processes, virtual_alarm_) {
    hardware_.set_alarm_client(mux_);
    virtual_alarm_.set_alarm_client(driver_);
    other_alarm_.set_alarm_client(other_client_);
    rig_.load_all();
    for (std::size_t index = 0; index < ProcessRig::count; ++index) {
      EXPECT_TRUE(rig_.subscribe(index, alarm, AlarmDriver::fired_upcall));
    }
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  SyscallReturn set_relative(std::size_t index, std::uint32_t dt) {
    return rig_.command(index, alarm, AlarmDriver::set_relative, dt);
  }
  SyscallReturn set_absolute(std::size_t index, std::uint32_t reference,
                             std::uint32_t dt) {
    return rig_.command(index, alarm, AlarmDriver::set_absolute, reference, dt);
  }
  /// The upcall of an expiry at `now` of an alarm for `expiration`.
  static std::vector<ReceivedUpcall> fired(std::uint32_t now,
                                           std::uint32_t expiration) {
    return {{AlarmDriver::fired_upcall, {now, expiration, 0}}};
  }

  FakeAlarm hardware_;
  capsules::MuxAlarm mux_;
  capsules::VirtualAlarm virtual_alarm_;
  capsules::VirtualAlarm other_alarm_;
  Counter other_client_;
  DriverTable<1> table_;
  ProcessRig rig_;
  AlarmDriver driver_;
  std::size_t violations_before_ = 0;
};

TEST_F(AlarmDriverTest, AnswersFrequencyAndNow) {
  EXPECT_EQ(rig_.command(0, alarm, AlarmDriver::exists),
            SyscallReturn::success());
  EXPECT_EQ(rig_.command(0, alarm, AlarmDriver::frequency),
            SyscallReturn::success_u32(1000));
  hardware_.set_now(1234);
  EXPECT_EQ(rig_.command(1, alarm, AlarmDriver::now),
            SyscallReturn::success_u32(1234));
  EXPECT_EQ(rig_.command(1, alarm, 4),
            SyscallReturn::failure(ErrorCode::no_support));
}

TEST_F(AlarmDriverTest, AlarmsOfTwoProcessesFireInOrderEachToItsProcess) {
  EXPECT_EQ(set_relative(0, 300), SyscallReturn::success_u32(1300));
  EXPECT_EQ(set_relative(1, 100), SyscallReturn::success_u32(1100));
  // One virtual alarm serves both, set for the earliest.
  EXPECT_TRUE(virtual_alarm_.is_armed());
  EXPECT_EQ(virtual_alarm_.get_alarm(), 1100U);
  EXPECT_EQ(hardware_.run_for(150), 1U);
  EXPECT_EQ(rig_.upcalls(1), fired(1100, 1100));
  EXPECT_TRUE(rig_.upcalls(0).empty());
  EXPECT_EQ(virtual_alarm_.get_alarm(), 1300U);
  EXPECT_EQ(hardware_.run_for(200), 1U);
  EXPECT_EQ(rig_.upcalls(0), fired(1300, 1300));
  EXPECT_TRUE(rig_.upcalls(1).empty());
  EXPECT_FALSE(virtual_alarm_.is_armed());
}

TEST_F(AlarmDriverTest, AlarmsThatExpireTogetherAllFire) {
  ASSERT_EQ(set_absolute(0, 1000, 200), SyscallReturn::success_u32(1200));
  ASSERT_EQ(set_absolute(1, 1000, 100), SyscallReturn::success_u32(1100));
  // A kernel loop late by 150 ticks finds both expired at 1250.
  EXPECT_EQ(hardware_.run_for(500, 150), 1U);
  EXPECT_EQ(rig_.upcalls(0), fired(1250, 1200));
  EXPECT_EQ(rig_.upcalls(1), fired(1250, 1100));
}

TEST_F(AlarmDriverTest, AMomentAlreadyPastFiresAtOnce) {
  EXPECT_EQ(set_absolute(0, 900, 50), SyscallReturn::success_u32(950));
  EXPECT_EQ(hardware_.run_for(0), 1U);
  EXPECT_EQ(rig_.upcalls(0), fired(1000, 950));
}

TEST_F(AlarmDriverTest, SettingAgainReplacesAndStopDisarms) {
  ASSERT_EQ(set_relative(0, 100), SyscallReturn::success_u32(1100));
  ASSERT_EQ(set_relative(0, 300), SyscallReturn::success_u32(1300));
  EXPECT_EQ(hardware_.run_for(400), 1U);
  EXPECT_EQ(rig_.upcalls(0), fired(1300, 1300));

  ASSERT_EQ(set_relative(1, 100), SyscallReturn::success_u32(1500));
  EXPECT_EQ(rig_.command(1, alarm, AlarmDriver::stop),
            SyscallReturn::success());
  EXPECT_EQ(rig_.command(1, alarm, AlarmDriver::stop),
            SyscallReturn::failure(ErrorCode::already));
  EXPECT_FALSE(virtual_alarm_.is_armed());
  EXPECT_EQ(hardware_.run_for(400), 0U);
  EXPECT_TRUE(rig_.upcalls(1).empty());
}

TEST_F(AlarmDriverTest, AProcessThatEndsGetsNoUpcallAndLosesItsAlarm) {
  ASSERT_EQ(set_relative(1, 100), SyscallReturn::success_u32(1100));
  ASSERT_EQ(set_relative(0, 300), SyscallReturn::success_u32(1300));
  ASSERT_TRUE(rig_.processes.kill(1).is_ok());
  EXPECT_EQ(hardware_.run_for(400), 2U); // 1100: nobody left to tell
  EXPECT_EQ(rig_.upcalls(0), fired(1300, 1300));
  ASSERT_TRUE(rig_.processes.restart(1).is_ok());
  EXPECT_TRUE(rig_.upcalls(1).empty());
  // Its new run has a fresh grant: no alarm to stop.
  EXPECT_EQ(rig_.command(1, alarm, AlarmDriver::stop),
            SyscallReturn::failure(ErrorCode::already));
  EXPECT_FALSE(virtual_alarm_.is_armed());
}

TEST_F(AlarmDriverTest, TheMuxStillServesItsOtherClients) {
  ASSERT_EQ(set_relative(0, 200), SyscallReturn::success_u32(1200));
  other_alarm_.set_alarm(hardware_.now(), 100);
  EXPECT_EQ(hardware_.run_for(300), 2U);
  EXPECT_EQ(other_client_.fired, 1);
  EXPECT_EQ(rig_.upcalls(0), fired(1200, 1200));
}

} // namespace
