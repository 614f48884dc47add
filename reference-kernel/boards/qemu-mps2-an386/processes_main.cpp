/// The qemu-mps2-an386 board running processes: the apps that QEMU loads at
/// the apps region (`-device loader,file=process_apps.bin,addr=0x00200000`),
/// each confined to its own memory by the MPU, with the console, alarm and
/// LED system call drivers, and the process console on UART0.
///
/// Built as the board's image, which runs until QEMU is stopped, and as
/// variants (boards/qemu-mps2-an386/CMakeLists.txt): with
/// LEASH_RUN_FOR_MILLISECONDS for a test, which prints the process list
/// after that long and ends the run; with LEASH_TIMESLICE_MICROSECONDS for
/// the benchmark; with LEASH_PROCESS_CONSOLE_INPUT=0 for apps that read
/// their console (the echo test), whose process console leaves the UART's
/// input to them.
#include "arch/cortex-m/mpu_memory_protection.h"
#include "arch/cortex-m/process_switch.h"
#include "boards/qemu-mps2-an386/platform.h"
#include "capsules/process/alarm_driver.h"
#include "capsules/process/console_driver.h"
#include "capsules/process/driver_table.h"
#include "capsules/process/led_driver.h"
#include "capsules/process/process_console.h"
#include "capsules/uart_device.h"
#include "capsules/virtual_alarm.h"
#include "kernel/debug.h"
#include "kernel/number_text.h"
#include "kernel/process/process_loader.h"
#include "kernel/process/processes.h"

#include <leash/annotations.h>
#include <leash/lease.h>

#include <array>
#include <cstdint>

extern "C" {
// The board's linker script (layout_processes.ld) places these; only their
// addresses mean anything.
extern const std::uint8_t leash_apps_start[];
extern const std::uint8_t leash_apps_size[];
extern const std::uint8_t leash_process_ram_start[];
extern const std::uint8_t leash_process_ram_size[];
}

namespace {

namespace process = kernel::process;

/// The leases' storage: each the backing array of exactly one lease.
std::uint8_t console_transmit_storage[64];
/// See `console_transmit_storage`.
std::uint8_t console_receive_storage[1];
/// See `console_transmit_storage`.
std::uint8_t debug_transmit_storage[256];
/// See `console_transmit_storage`.
std::uint8_t process_transmit_storage[64];
/// See `console_transmit_storage`.
std::uint8_t process_receive_storage[16];

/// The processor clock of mps2-an386, which SysTick counts.
constexpr std::uint32_t cycles_per_microsecond = 25;

#ifndef LEASH_TIMESLICE_MICROSECONDS
/// The time slice (the benchmark image shortens it).
#define LEASH_TIMESLICE_MICROSECONDS 10'000
#endif

/// How processes run: 10 ms slices, no restart after a fault.
constexpr process::ProcessPolicy policy{.timeslice_microseconds =
                                            LEASH_TIMESLICE_MICROSECONDS,
                                        .restarts_after_fault = 0};

/// The address of a linker-script symbol.
LEASH_UNSAFE("a linker symbol's address is a number the linker chose; "
             "nothing is read through the pointer")
std::uint32_t address_of(const std::uint8_t *symbol) {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(symbol));
}

#ifdef LEASH_RUN_FOR_MILLISECONDS
/// Ends a test run: after LEASH_RUN_FOR_MILLISECONDS, lists the processes
/// (as the process console's `list` does) and stops the kernel.
class LEASH_COMPONENT RunEnd final : public kernel::hil::time::AlarmClient {
public:
  RunEnd(const capsules::process::ProcessConsole &console,
         const kernel::Kernel &kernel)
      : console_(console), kernel_(kernel) {}
  void alarm_fired() const override {
    kernel::debug::print_line("run ends: the processes now");
    console_.line_received("list");
    kernel_.stop(0);
  }

private:
  const capsules::process::ProcessConsole &console_;
  const kernel::Kernel &kernel_;
};
#endif

} // namespace

#ifndef LEASH_PROCESS_CONSOLE_INPUT
/// Whether the process console reads the UART (its commands). The UART's
/// mux gives the input to one device at a time, so a test whose processes
/// read the console builds with 0: the process console only writes, and the
/// input goes to the processes' console driver.
#define LEASH_PROCESS_CONSOLE_INPUT 1
#endif

/// The board's entry point, called by the reset handler.
int main() {
  using boards::qemu_mps2_an386::Platform;
  const Platform &platform = boards::qemu_mps2_an386::create_platform(
      leash::Lease<std::uint8_t>::from(console_transmit_storage),
      leash::Lease<std::uint8_t>::from(console_receive_storage),
      leash::Lease<std::uint8_t>::from(debug_transmit_storage),
      /*initial_ticks=*/0);
  kernel::debug::print_line(
      "leash reference kernel: board qemu-mps2-an386, processes");

  // The process table first; the drivers need it, and it gets them after.
  static const arch::cortex_m::ProcessSwitch process_switch{
      platform.chip.system_tick(), cycles_per_microsecond};
  static const arch::cortex_m::MpuMemoryProtection protection{
      platform.chip.mpu()};
  static const process::Processes processes{process_switch, protection, policy};

  // The processes' console is a third device of UART0's mux.
  static const capsules::UartDevice process_uart{platform.uart0_mux};
  static const capsules::process::ConsoleDriver console_driver{
      processes, process_uart,
      leash::Lease<std::uint8_t>::from(process_transmit_storage),
      leash::Lease<std::uint8_t>::from(process_receive_storage)};
  process_uart.set_transmit_client(console_driver);
  process_uart.set_receive_client(console_driver);
  static const capsules::VirtualAlarm process_alarm{platform.alarm_mux};
  static const capsules::process::AlarmDriver alarm_driver{processes,
                                                           process_alarm};
  process_alarm.set_alarm_client(alarm_driver);
  static const capsules::process::LedDriver led_driver{platform.leds};
  static const capsules::process::DriverTable<3> drivers{
      std::array<capsules::process::DriverEntry, 3>{{
          {capsules::process::AlarmDriver::driver_number, &alarm_driver},
          {capsules::process::ConsoleDriver::driver_number, &console_driver},
          {capsules::process::LedDriver::driver_number, &led_driver},
      }}};
  processes.set_drivers(drivers);

  static const capsules::process::ProcessConsole process_console{
      platform.console, processes};
  platform.console.set_client(process_console);

  std::span<std::uint8_t> apps;
  std::span<std::uint8_t> ram_pool;
  LEASH_UNSAFE_BLOCK("the linker script reserves the apps region and the "
                     "process RAM pool for processes: no kernel object lives "
                     "there, and these are the only views of them") {
    apps = process::memory_at(address_of(leash_apps_start),
                              address_of(leash_apps_size));
    ram_pool = process::memory_at(address_of(leash_process_ram_start),
                                  address_of(leash_process_ram_size));
  }
  const process::LoadSummary loaded =
      process::load_processes(processes, apps, address_of(leash_apps_start),
                              ram_pool, address_of(leash_process_ram_start));
  kernel::debug::print("processes loaded: ");
  kernel::debug::print(kernel::decimal(loaded.loaded).view());
  kernel::debug::print(", refused: ");
  kernel::debug::print_line(kernel::decimal(loaded.refused).view());

#ifdef LEASH_RUN_FOR_MILLISECONDS
  static const capsules::VirtualAlarm end_alarm{platform.alarm_mux};
  static const RunEnd run_end{process_console, platform.kernel};
  end_alarm.set_alarm_client(run_end);
  end_alarm.set_alarm(
      end_alarm.now(),
      kernel::hil::time::ticks_from_milliseconds(end_alarm.frequency_hz(),
                                                 LEASH_RUN_FOR_MILLISECONDS));
#endif

#if LEASH_PROCESS_CONSOLE_INPUT
  if (!platform.console.start_input().is_ok()) {
    kernel::debug::print_line("process console: the UART refused to receive");
  }
#endif
  platform.chip.enable_interrupts();
  return platform.kernel.run(platform.chip, processes);
}
