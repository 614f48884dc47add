/// The qemu-mps2-an386 board running processes: the apps that QEMU loads at
/// 0x00200000 (`-device loader,file=apps.bin,addr=0x00200000`), each in its
/// own MPU-confined memory, with the console, alarm and LED drivers, and a
/// process console on UART0.
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

#include <leash/lease.h>

#include <array>
#include <cstdint>

extern "C" {
// The board's linker script (layout_processes.ld) names these regions;
// only their addresses mean anything.
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
std::uint8_t process_console_transmit_storage[64];
/// See `console_transmit_storage`.
std::uint8_t process_console_receive_storage[16];

/// The processor clock of mps2-an386, which SysTick counts.
constexpr std::uint32_t cycles_per_microsecond = 25;

/// How processes are run: 10 ms slices, no restarts after a fault.
constexpr process::ProcessPolicy policy{.timeslice_microseconds = 10'000,
                                        .restarts_after_fault = 0};

/// The address of a linker-script symbol.
LEASH_UNSAFE("a linker symbol's address is a number the linker chose; "
             "nothing is read through it")
std::uint32_t address_of(const std::uint8_t *symbol) {
  return static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(symbol));
}

} // namespace

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

  // The drivers' table comes first: Processes needs it, and the drivers
  // need Processes.
  static const capsules::process::DriverTable<3> drivers{
      std::array<capsules::process::DriverEntry, 3>{}};
  static const arch::cortex_m::ProcessSwitch process_switch{
      platform.chip.system_tick(), cycles_per_microsecond};
  static const arch::cortex_m::MpuMemoryProtection protection{
      platform.chip.mpu()};
  static const process::Processes processes{process_switch, protection,
                                            drivers, policy};
  return 0;
}
