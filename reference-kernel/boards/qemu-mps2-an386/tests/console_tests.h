/// ConsoleTransmitTest and UartReceiveTest: the console over the real UART.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_CONSOLE_TESTS_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_CONSOLE_TESTS_H

#include "boards/qemu-mps2-an386/tests/kernel_test.h"
#include "boards/qemu-mps2-an386/tests/test_console.h"
#include "capsules/console.h"
#include "capsules/mux_alarm.h"
#include "capsules/virtual_alarm.h"
#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/optional_cell.h>

#include <cstdint>
#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// The line that the receive test expects on QEMU's serial input.
inline constexpr std::string_view expected_input_line = "leash receive test";

/// Writes one line of 310 bytes, far more than the UART's one-byte buffer and
/// the console's 64-byte transmit lease, and waits until the console has
/// handed all of it to the UART. The QEMU test checks that the line came out
/// whole: "transmit " and thirty times "0123456789".
class LEASH_COMPONENT ConsoleTransmitTest final
    : public KernelTest,
      public kernel::hil::time::AlarmClient {
public:
  /// The test of `console`, polling with a virtual alarm of `mux`.
  ConsoleTransmitTest(const capsules::Console &console,
                      const capsules::MuxAlarm &mux);

  /// "console_transmit".
  [[nodiscard]] std::string_view name() const override {
    return "console_transmit";
  }
  /// Writes the line.
  void start(const TestReporter &reporter) const override;
  /// Polls the console until its output has drained.
  void alarm_fired() const override;

private:
  /// The console under test.
  const capsules::Console &console_;
  /// The poll timer.
  capsules::VirtualAlarm poll_;
  /// Who hears the outcome.
  leash::OptionalCell<const TestReporter *> reporter_;
};

/// Starts the console's input and checks that the line QEMU fed to UART0
/// reached the console, byte by byte through the receive interrupt, and was
/// assembled into a line. QEMU holds its input back while the UART's receive
/// buffer is full, so the first byte has been waiting in DATA since boot:
/// the reception starts with a byte that arrived before it was requested.
class LEASH_COMPONENT UartReceiveTest final
    : public KernelTest,
      public kernel::hil::time::AlarmClient {
public:
  /// The test of `console`'s input, as `test_console` sees it, polling with
  /// a virtual alarm of `mux`.
  UartReceiveTest(const capsules::Console &console,
                  const TestConsole &test_console,
                  const capsules::MuxAlarm &mux);

  /// "uart_receive".
  [[nodiscard]] std::string_view name() const override {
    return "uart_receive";
  }
  /// Starts the console's input and waits for the line.
  void start(const TestReporter &reporter) const override;
  /// Checks again.
  void alarm_fired() const override;

private:
  /// Reports if the line has arrived, else polls again.
  void check() const;

  /// The console whose input is tested.
  const capsules::Console &console_;
  /// What the console received.
  const TestConsole &test_console_;
  /// The poll timer.
  capsules::VirtualAlarm poll_;
  /// Who hears the outcome.
  leash::OptionalCell<const TestReporter *> reporter_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_CONSOLE_TESTS_H
