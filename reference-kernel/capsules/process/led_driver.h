/// LedDriver: the board's LEDs as system call driver 0x2.
#ifndef CAPSULES_PROCESS_LED_DRIVER_H
#define CAPSULES_PROCESS_LED_DRIVER_H

#include "capsules/led_driver.h"
#include "kernel/process/syscall_driver.h"

#include <leash/annotations.h>

#include <cstdint>

namespace capsules::process {

/// The system call half of Tock's LED capsule (capsules/core/src/led.rs),
/// over the kernel half, `capsules::LedDriver`. It keeps no per-process
/// state: every process may switch every LED, as in Tock.
///
/// Commands (driver 0x2, Tock's numbers):
/// - 0: how many LEDs there are (success with the count; Tock uses this
///   command, not a plain success, so that a process learns both that the
///   driver exists and its size);
/// - 1 `n`: turn LED `n` on;
/// - 2 `n`: turn LED `n` off;
/// - 3 `n`: toggle LED `n`.
///
/// LED numbers out of range get `ErrorCode::invalid`; other commands
/// `ErrorCode::no_support`. No upcalls, no allows.
class LEASH_COMPONENT LedDriver final : public kernel::process::SyscallDriver {
public:
  /// Tock's driver number for LEDs.
  static constexpr std::uint32_t driver_number = 0x2;

  /// The commands.
  enum Command : std::uint32_t {
    /// The number of LEDs.
    count = 0,
    /// Turn one on.
    on = 1,
    /// Turn one off.
    off = 2,
    /// Invert one.
    toggle = 3,
  };

  /// A driver for `leds`.
  explicit LedDriver(const capsules::LedDriver &leds) : leds_(leds) {}

  /// Answers command `number` for LED `argument1`.
  [[nodiscard]] kernel::process::SyscallReturn
  command(std::uint32_t number, std::uint32_t argument1,
          std::uint32_t argument2,
          kernel::process::ProcessId process) const override;

private:
  /// The LEDs.
  const capsules::LedDriver &leds_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_LED_DRIVER_H
