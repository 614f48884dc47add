/// The LED system call driver: commands mapped onto the numbered LEDs.
#include "capsules/process/led_driver.h"

#include <cstdint>

namespace capsules::process {

using kernel::process::SyscallReturn;

SyscallReturn LedDriver::command(std::uint32_t number, std::uint32_t argument1,
                                 std::uint32_t /*argument2*/,
                                 kernel::process::ProcessId /*process*/) const {
  switch (number) {
  case count:
    return SyscallReturn::success_u32(
        static_cast<std::uint32_t>(leds_.count()));
  case on:
    return SyscallReturn::from(leds_.on(argument1));
  case off:
    return SyscallReturn::from(leds_.off(argument1));
  case toggle:
    return SyscallReturn::from(leds_.toggle(argument1));
  default:
    return SyscallReturn::failure(kernel::ErrorCode::no_support);
  }
}

} // namespace capsules::process
