/// Platform: every component of the board, created and wired at start-up.
#ifndef BOARDS_QEMU_MPS2_AN386_PLATFORM_H
#define BOARDS_QEMU_MPS2_AN386_PLATFORM_H

#include "capsules/console.h"
#include "capsules/led_driver.h"
#include "capsules/mux_alarm.h"
#include "capsules/mux_uart.h"
#include "chips/mps2-an386/mps2_an386.h"
#include "kernel/hil/time.h"
#include "kernel/kernel.h"

#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

namespace boards::qemu_mps2_an386 {

/// The board's components, for the image's `main` to start (Tock's
/// `Platform`). Every one lives in static storage; this holds references.
struct LEASH_COMPONENT Platform {
  /// The chip and its drivers.
  const chips::mps2_an386::Mps2An386 &chip;
  /// The kernel loop.
  const kernel::Kernel &kernel;
  /// The console on UART0.
  const capsules::Console &console;
  /// The mux that shares UART0 (the debug output and the console are two
  /// of its devices; the process image adds the processes' console).
  const capsules::MuxUart &uart0_mux;
  /// The alarm mux that virtual alarms join.
  const capsules::MuxAlarm &alarm_mux;
  /// The two user LEDs.
  const capsules::LedDriver &leds;
};

/// The console's speed. QEMU ignores it; real hardware would not.
inline constexpr std::uint32_t console_baud_rate = 115'200;

/// Creates every component in static storage and wires them: UART0
/// configured and shared through a mux by the kernel's debug output (sent
/// through `debug_transmit`) and the console (owning `console_transmit` and
/// `console_receive`), all three leases created by `main`; the alarm counter
/// started at `initial_ticks` with the mux as its client, the LEDs. Call it
/// once, from `main`; interrupts stay off until `main` enables them.
const Platform &create_platform(leash::Lease<std::uint8_t> console_transmit,
                                leash::Lease<std::uint8_t> console_receive,
                                leash::Lease<std::uint8_t> debug_transmit,
                                kernel::hil::time::Ticks initial_ticks);

} // namespace boards::qemu_mps2_an386

#endif // BOARDS_QEMU_MPS2_AN386_PLATFORM_H
