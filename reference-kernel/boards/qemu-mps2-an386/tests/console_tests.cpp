/// The console tests: a long transmission, and a line received from QEMU.
#include "boards/qemu-mps2-an386/tests/console_tests.h"

#include "kernel/debug.h"

#include <cstddef>
#include <string_view>

namespace boards::qemu_mps2_an386::tests {
namespace {

/// How often the tests poll.
constexpr std::uint32_t poll_milliseconds = 1;

/// Sets `alarm` to fire one poll period from now.
void poll_later(const capsules::VirtualAlarm &alarm) {
  alarm.set_alarm(alarm.now(), kernel::hil::time::ticks_from_milliseconds(
                                   alarm.frequency_hz(), poll_milliseconds));
}

/// The repeated part of the transmitted line.
constexpr std::string_view digits = "0123456789";

/// How many times the digits repeat.
constexpr std::size_t repetitions = 30;

} // namespace

ConsoleTransmitTest::ConsoleTransmitTest(const capsules::Console &console,
                                         const capsules::MuxAlarm &mux)
    : console_(console), poll_(mux) {
  poll_.set_alarm_client(*this);
}

void ConsoleTransmitTest::start(const TestReporter &reporter) const {
  reporter_.set(&reporter);
  std::size_t queued = console_.write("transmit ");
  for (std::size_t index = 0; index < repetitions; ++index) {
    queued += console_.write(digits);
  }
  queued += console_.write_line("");
  constexpr std::size_t expected = 9 + repetitions * 10 + 2;
  if (queued != expected) {
    reporter.finished(*this, false, "the console refused part of the line");
    return;
  }
  // Debug output while the console's line is on its way: each must come out
  // whole, never one inside the other.
  kernel::debug::print_line("debug output amid the console's");
  poll_later(poll_);
}

void ConsoleTransmitTest::alarm_fired() const {
  if (!console_.output_is_drained()) {
    kernel::debug::print_line("debug output while the console sends");
    poll_later(poll_);
    return;
  }
  reporter_.map([this](const TestReporter *reporter) {
    reporter->finished(*this, true, "");
  });
}

UartReceiveTest::UartReceiveTest(const capsules::Console &console,
                                 const TestConsole &test_console,
                                 const capsules::MuxAlarm &mux)
    : console_(console), test_console_(test_console), poll_(mux) {
  poll_.set_alarm_client(*this);
}

void UartReceiveTest::start(const TestReporter &reporter) const {
  reporter_.set(&reporter);
  if (!console_.start_input().is_ok()) {
    reporter.finished(*this, false, "the UART refused to receive");
    return;
  }
  check();
}

void UartReceiveTest::alarm_fired() const { check(); }

void UartReceiveTest::check() const {
  if (test_console_.line_count() == 0) {
    poll_later(poll_); // Not there yet; the runner's watchdog bounds the wait.
    return;
  }
  const bool passed = test_console_.line_count() == 1 &&
                      test_console_.input_stops() == 0 &&
                      test_console_.last_line_is(expected_input_line);
  reporter_.map([this, passed](const TestReporter *reporter) {
    reporter->finished(*this, passed, "a different line arrived");
  });
}

} // namespace boards::qemu_mps2_an386::tests
