/// LEDs for apps, through the LED driver (0x2).
#ifndef APPS_LIBUSER_LED_H
#define APPS_LIBUSER_LED_H

#include "syscalls.h"

#include <cstdint>

namespace user::led {

/// The LED driver's number.
inline constexpr std::uint32_t driver = 0x2;

/// How many LEDs there are (0 without the driver).
inline std::uint32_t count() {
  const SyscallResult result = command(driver, 0, 0, 0);
  return result.ok() ? result.values[0] : 0;
}
/// Toggles LED `index`.
inline bool toggle(std::uint32_t index) {
  return command(driver, 3, index, 0).ok();
}

} // namespace user::led

#endif // APPS_LIBUSER_LED_H
