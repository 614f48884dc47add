/// Time for apps, through the alarm driver (0x0).
#ifndef APPS_LIBUSER_ALARM_H
#define APPS_LIBUSER_ALARM_H

#include <cstdint>

namespace user::alarm {

/// The alarm driver's number.
inline constexpr std::uint32_t driver = 0x0;

/// Sleeps for `milliseconds`; false when the driver refused.
bool sleep_ms(std::uint32_t milliseconds);

} // namespace user::alarm

#endif // APPS_LIBUSER_ALARM_H
