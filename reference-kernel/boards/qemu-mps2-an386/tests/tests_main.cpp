/// The qemu-mps2-an386 test image: the board, running its in-kernel tests.
#include "boards/qemu-mps2-an386/platform.h"
#include "boards/qemu-mps2-an386/tests/alarm_order_test.h"
#include "boards/qemu-mps2-an386/tests/console_tests.h"
#include "boards/qemu-mps2-an386/tests/deferred_call_test.h"
#include "boards/qemu-mps2-an386/tests/kernel_test.h"
#include "boards/qemu-mps2-an386/tests/led_test.h"
#include "boards/qemu-mps2-an386/tests/memory_functions_test.h"
#include "boards/qemu-mps2-an386/tests/mpu_test.h"
#include "boards/qemu-mps2-an386/tests/system_tick_test.h"
#include "boards/qemu-mps2-an386/tests/test_console.h"
#include "boards/qemu-mps2-an386/tests/test_runner.h"
#include "kernel/debug.h"
#include "kernel/hil/time.h"

#include <leash/lease.h>

#include <array>
#include <cstdint>

namespace {

/// The storage behind the console's transmit lease.
std::uint8_t console_transmit_storage[64];

/// The storage behind the console's receive lease.
std::uint8_t console_receive_storage[1];

/// The storage behind the debug output\'s transmit lease.
std::uint8_t debug_transmit_storage[64];

/// Where the alarm counter starts: 500 ms before its 32-bit wrap (at 25 MHz),
/// so that the alarm test crosses the wrap within its first second.
constexpr kernel::hil::time::Ticks initial_ticks = 0U - 12'500'000U;

} // namespace

/// The test image's entry point: the board's components, the tests, then the
/// kernel loop until the runner stops it with 0 (all passed) or 1.
int main() {
  namespace tests = boards::qemu_mps2_an386::tests;
  using boards::qemu_mps2_an386::Platform;

  // The only leases of this image, created here because main runs once.
  const Platform &platform = boards::qemu_mps2_an386::create_platform(
      leash::Lease<std::uint8_t>::from(console_transmit_storage),
      leash::Lease<std::uint8_t>::from(console_receive_storage),
      leash::Lease<std::uint8_t>::from(debug_transmit_storage), initial_ticks);
  kernel::debug::print_line("leash reference kernel: in-kernel tests on "
                            "qemu-mps2-an386");

  // The receive test starts the console's input.
  static const tests::TestConsole test_console;
  platform.console.set_client(test_console);

  static const tests::DeferredCallTest deferred_call_test;
  static const tests::LedTest led_test{platform.leds};
  static const tests::SystemTickTest system_tick_test{
      platform.chip.system_tick()};
  static const tests::MpuTest mpu_test{platform.chip.mpu()};
  static const tests::ConsoleTransmitTest console_transmit_test{
      platform.console, platform.alarm_mux};
  static const tests::UartReceiveTest uart_receive_test{
      platform.console, test_console, platform.alarm_mux};
  static const tests::AlarmOrderTest alarm_order_test{platform.alarm_mux};
  // The alarm test first: it must start before the counter's wrap.
  static const tests::MemoryFunctionsTest memory_functions_test;
  static const std::array<const tests::KernelTest *, 8> all_tests{
      &alarm_order_test,      &deferred_call_test, &led_test,
      &system_tick_test,      &mpu_test,           &memory_functions_test,
      &console_transmit_test, &uart_receive_test};
  static const tests::TestRunner runner{all_tests, platform.kernel,
                                        platform.alarm_mux};
  runner.start();

  platform.chip.enable_interrupts();
  return platform.kernel.run(platform.chip);
}
