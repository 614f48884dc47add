/// Tests of the nRF52840 CLOCK driver against a model of the oscillator.
#include "chips/nrf52840/clock.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace {

using chips::nrf52840::Clock;
using chips::nrf52840::ClockRegisters;

/// The crystal oscillator: HFCLKSTAT says it runs (source crystal) a given
/// number of status reads after TASKS_HFCLKSTART was triggered.
class CrystalModel final : public registers::simulation::Bus {
public:
  CrystalModel(ClockRegisters &block, int reads_until_running)
      : block_(block), reads_until_running_(reads_until_running) {
    registers::simulation::attach(*this);
  }
  ~CrystalModel() { registers::simulation::detach(); }

  std::uint64_t read(std::uintptr_t address, std::uint64_t stored) override {
    if (address ==
        reinterpret_cast<std::uintptr_t>(&block_.high_frequency_clock_status)) {
      ++status_reads;
      if (started && reads_since_start++ >= reads_until_running_) {
        return (1U << 16) | 1U; // Running, from the crystal.
      }
      return 0; // The RC oscillator.
    }
    return stored;
  }
  std::uint64_t write(std::uintptr_t address, std::uint64_t value,
                      std::uint64_t) override {
    if (address == reinterpret_cast<std::uintptr_t>(
                       &block_.start_high_frequency_clock) &&
        (value & 1) != 0) {
      ++starts;
      started = true;
    }
    return value;
  }

  int starts = 0;
  int status_reads = 0;
  bool started = false;

private:
  ClockRegisters &block_;
  int reads_until_running_;
  int reads_since_start = 0;
};

TEST(Nrf52840ClockTest, StartsTheCrystalAndWaitsUntilItRuns) {
  ClockRegisters block{};
  CrystalModel crystal{block, 5};
  const Clock clock{block};
  EXPECT_FALSE(clock.crystal_is_running());
  EXPECT_TRUE(clock.start_crystal_and_wait(100));
  EXPECT_EQ(crystal.starts, 1);
  EXPECT_TRUE(clock.crystal_is_running());
}

TEST(Nrf52840ClockTest, GivesUpAfterItsPolls) {
  ClockRegisters block{};
  CrystalModel crystal{block, 1000};
  const Clock clock{block};
  EXPECT_FALSE(clock.start_crystal_and_wait(10));
  EXPECT_EQ(crystal.starts, 1);
  EXPECT_LE(crystal.status_reads, 13); // Bounded: the polls and a few more.
}

TEST(Nrf52840ClockTest, ARunningCrystalIsNotStartedAgain) {
  ClockRegisters block{};
  CrystalModel crystal{block, 0};
  crystal.started = true;
  const Clock clock{block};
  EXPECT_TRUE(clock.start_crystal_and_wait(10));
  EXPECT_EQ(crystal.starts, 0);
}

} // namespace
