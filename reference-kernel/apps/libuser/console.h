/// Console output for apps, through the console driver (0x1).
#ifndef APPS_LIBUSER_CONSOLE_H
#define APPS_LIBUSER_CONSOLE_H

#include <cstdint>
#include <string_view>

namespace user::console {

/// The console driver's number.
inline constexpr std::uint32_t driver = 0x1;

/// Writes `text` and waits until it is sent; false when the driver refused.
bool write(std::string_view text);
/// Writes `text` and a newline.
bool write_line(std::string_view text);
/// Writes `value` in decimal.
bool write_number(std::uint32_t value);

} // namespace user::console

#endif // APPS_LIBUSER_CONSOLE_H
