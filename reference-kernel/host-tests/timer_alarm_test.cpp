/// Tests of the mps2-an386 alarm driver, the image's source, on simulated
/// timers.
#include "chips/mps2-an386/timer_alarm.h"
#include "libraries/registers/simulated_access.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

using chips::mps2_an386::TimerAlarm;
using chips::mps2_an386::TimerRegisters;
using kernel::hil::time::Ticks;

/// Two CMSDK timers in host memory; the counter's VALUE reads whatever the
/// test sets, as a running timer would show.
class SimulatedTimers final : public registers::simulation::Bus {
public:
  SimulatedTimers() { registers::simulation::attach(*this); }
  ~SimulatedTimers() { registers::simulation::detach(); }

  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override {
    return address == reinterpret_cast<std::uintptr_t>(&counter.value)
               ? counter_value
               : stored;
  }
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t stored) override {
    if (address == reinterpret_cast<std::uintptr_t>(&counter.value)) {
      counter_value = static_cast<std::uint32_t>(value);
    }
    if (address ==
            reinterpret_cast<std::uintptr_t>(&counter.interrupt_status_clear) ||
        address == reinterpret_cast<std::uintptr_t>(
                       &comparator.interrupt_status_clear)) {
      return stored & ~value; // INTCLEAR.
    }
    return value;
  }

  /// The counter reads as `now` (it counts down from 0xFFFFFFFF).
  void set_now(Ticks now) { counter_value = 0xFFFF'FFFFU - now; }

  TimerRegisters counter{};
  TimerRegisters comparator{};
  std::uint32_t counter_value = 0;
};

/// Counts expiries.
class Counter final : public kernel::hil::time::AlarmClient {
public:
  void alarm_fired() const override { ++fired; }
  mutable int fired = 0;
};

class TimerAlarmTest : public ::testing::Test {
protected:
  TimerAlarmTest() : alarm_(timers_.counter, timers_.comparator, 25'000'000) {
    alarm_.set_alarm_client(client_);
  }
  SimulatedTimers timers_;
  TimerAlarm alarm_;
  Counter client_;
};

TEST_F(TimerAlarmTest, NowCountsUpFromTheDownCounter) {
  alarm_.start(0xFFFF'FF00);
  EXPECT_EQ(timers_.counter.reload.hardware_value(), 0xFFFF'FFFFU);
  EXPECT_EQ(timers_.counter.control.hardware_value(), 0x1U); // Running.
  EXPECT_EQ(alarm_.now(), 0xFFFF'FF00U);
  timers_.set_now(0x10); // After the wrap.
  EXPECT_EQ(alarm_.now(), 0x10U);
  EXPECT_EQ(alarm_.frequency_hz(), 25'000'000U);
}

TEST_F(TimerAlarmTest, TheComparatorCountsTheTicksLeft) {
  timers_.set_now(1000);
  alarm_.set_alarm(900, 600); // Expires at 1500: 500 ticks left.
  EXPECT_TRUE(alarm_.is_armed());
  EXPECT_EQ(alarm_.get_alarm(), 1500U);
  EXPECT_EQ(timers_.comparator.reload.hardware_value(), 500U);
  EXPECT_EQ(timers_.comparator.control.hardware_value(), 0x9U); // EN, IRQEN.
}

TEST_F(TimerAlarmTest, AMomentAlreadyPastFiresAsSoonAsPossible) {
  timers_.set_now(1000);
  alarm_.set_alarm(100, 10);
  EXPECT_EQ(timers_.comparator.reload.hardware_value(), alarm_.minimum_dt());
}

TEST_F(TimerAlarmTest, NeverFiresEarly) {
  timers_.set_now(1000);
  alarm_.set_alarm(1000, 500);
  timers_.set_now(1499); // The comparator ran out a tick early.
  alarm_.handle_interrupt();
  EXPECT_EQ(client_.fired, 0);
  EXPECT_EQ(timers_.comparator.reload.hardware_value(), alarm_.minimum_dt());
  timers_.set_now(1500);
  alarm_.handle_interrupt();
  EXPECT_EQ(client_.fired, 1);
  EXPECT_FALSE(alarm_.is_armed());
  EXPECT_EQ(timers_.comparator.control.hardware_value(), 0x0U); // Stopped.
}

TEST_F(TimerAlarmTest, ADisarmedAlarmStaysSilent) {
  timers_.set_now(1000);
  alarm_.set_alarm(1000, 5);
  alarm_.disarm();
  EXPECT_EQ(timers_.comparator.control.hardware_value(), 0x0U);
  timers_.set_now(2000);
  alarm_.handle_interrupt(); // A late interrupt from before the disarm.
  EXPECT_EQ(client_.fired, 0);
}

} // namespace
