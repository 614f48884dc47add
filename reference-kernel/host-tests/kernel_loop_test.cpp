/// Tests of the kernel loop against a fake chip.
#include "kernel/chip.h"
#include "kernel/debug.h"
#include "kernel/debug_writer.h"
#include "kernel/deferred_call.h"
#include "kernel/kernel.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace {

/// A chip whose interrupts the test raises, and which logs what the loop
/// asks of it.
class FakeChip final : public kernel::Chip {
public:
  explicit FakeChip(std::vector<std::string> &log) : log_(log) {}

  bool has_pending_interrupts() const override { return pending > 0; }
  void service_pending_interrupts() const override {
    log_.push_back("service " + std::to_string(pending));
    pending = 0;
    if (on_service) {
      on_service();
    }
  }
  kernel::InterruptMask disable_interrupts() const override {
    log_.push_back("mask");
    masked = true;
    if (on_mask) {
      on_mask();
    }
    return kernel::InterruptMask::enabled;
  }
  void restore_interrupts(kernel::InterruptMask previous) const override {
    log_.push_back("unmask");
    masked = previous == kernel::InterruptMask::masked;
  }
  void sleep() const override {
    log_.push_back(masked ? "sleep (masked)" : "sleep (UNMASKED)");
    if (on_sleep) {
      on_sleep();
    }
  }

  mutable int pending = 0;
  mutable bool masked = false;
  std::function<void()> on_mask;
  std::function<void()> on_service;
  std::function<void()> on_sleep;

private:
  std::vector<std::string> &log_;
};

/// A deferred call that logs its runs.
class LoggingCall final : public kernel::DeferredCallClient {
public:
  explicit LoggingCall(std::vector<std::string> &log) : log_(log) {
    call.register_client(*this);
  }
  void handle_deferred_call() const override { log_.push_back("deferred"); }
  kernel::DeferredCall call;

private:
  std::vector<std::string> &log_;
};

std::vector<std::string> &log() {
  static std::vector<std::string> entries;
  return entries;
}

/// One deferred call for every test (table entries are for good).
LoggingCall &deferred() {
  static LoggingCall call(log());
  return call;
}

class KernelLoopTest : public ::testing::Test {
protected:
  void SetUp() override {
    deferred();
    while (kernel::DeferredCall::service_next_pending()) {
    }
    log().clear();
  }
  FakeChip chip_{log()};
  kernel::Kernel kernel_;
};

TEST_F(KernelLoopTest, SleepsWithInterruptsMaskedAndReturnsTheStopStatus) {
  int sleeps = 0;
  chip_.on_sleep = [&] {
    if (++sleeps == 2) {
      kernel_.stop(7);
    } else {
      chip_.pending = 1; // An interrupt wakes the core.
    }
  };
  EXPECT_EQ(kernel_.run(chip_), 7);
  EXPECT_EQ(log(), (std::vector<std::string>{"mask", "sleep (masked)", "unmask",
                                             "service 1", "mask",
                                             "sleep (masked)", "unmask"}));
}

TEST_F(KernelLoopTest, InterruptsComeBeforeDeferredCalls) {
  deferred().call.set();
  chip_.pending = 2;
  chip_.on_sleep = [this] { kernel_.stop(0); };
  EXPECT_EQ(kernel_.run(chip_), 0);
  EXPECT_EQ(log(), (std::vector<std::string>{"service 2", "deferred", "mask",
                                             "sleep (masked)", "unmask"}));
}

TEST_F(KernelLoopTest, AnInterruptJustBeforeTheMaskPreventsTheSleep) {
  // The loop found nothing to do; an interrupt arrives as it masks: it must
  // not sleep (the wake-up would be lost), but service the interrupt.
  chip_.on_mask = [this] {
    if (chip_.pending == 0 && !kernel_.is_stopping()) {
      chip_.pending = 1;
    }
  };
  chip_.on_service = [this] { kernel_.stop(0); };
  EXPECT_EQ(kernel_.run(chip_), 0);
  EXPECT_EQ(log(), (std::vector<std::string>{"mask", "unmask", "service 1"}));
}

TEST_F(KernelLoopTest, StopFinishesTheCurrentStepOnly) {
  deferred().call.set();
  chip_.pending = 1;
  chip_.on_service = [this] { kernel_.stop(3); };
  EXPECT_EQ(kernel_.run(chip_), 3);
  EXPECT_TRUE(kernel_.is_stopping());
  EXPECT_EQ(log(), std::vector<std::string>{"service 1"});
  EXPECT_TRUE(deferred().call.is_pending()); // Left for later.
}

/// A debug writer whose output drains when the test says so.
class SlowDebugWriter final : public kernel::DebugWriter {
public:
  void write(std::string_view) const override { drained = false; }
  [[nodiscard]] bool is_drained() const override { return drained; }
  void write_at_end(std::string_view) const override {}

  mutable bool drained = true;
};

TEST_F(KernelLoopTest, ARunEndsOnlyOnceTheDebugOutputIsOut) {
  static const SlowDebugWriter writer;
  kernel::debug::set_writer(writer);
  kernel::debug::print_line("the last words");
  chip_.pending = 1;
  chip_.on_service = [this] {
    if (!kernel_.is_stopping()) {
      kernel_.stop(5);
      chip_.pending = 1; // The UART's next interrupt, which sends the rest.
      return;
    }
    writer.drained = true;
  };
  EXPECT_EQ(kernel_.run(chip_), 5);
  EXPECT_TRUE(writer.drained);
  EXPECT_EQ(log(), (std::vector<std::string>{"service 1", "service 1"}));
}

TEST(KernelLoopDeathTest, ABrokenDeferredCallTablePanics) {
  EXPECT_DEATH(
      {
        static kernel::DeferredCall orphan;
        std::vector<std::string> entries;
        FakeChip chip(entries);
        const kernel::Kernel kernel;
        static_cast<void>(kernel.run(chip));
      },
      "kernel panic: deferred calls");
}

} // namespace
