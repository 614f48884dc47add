/// The grant numbers of the system call drivers: one place assigns them.
#ifndef CAPSULES_PROCESS_GRANT_NUMBERS_H
#define CAPSULES_PROCESS_GRANT_NUMBERS_H

#include "kernel/process/process.h"

#include <cstddef>

namespace capsules::process::grant_numbers {

// Each driver with per-process state owns one of a process's
// `kernel::process::max_grants` grant slots. Two drivers on one number
// would read each other's state as their own, so the numbers live here,
// side by side, and the assertion below keeps them in range.

/// The alarm driver's per-process expiration.
inline constexpr std::size_t alarm = 0;
/// The console driver's per-process write and read requests.
inline constexpr std::size_t console = 1;

static_assert(alarm != console && alarm < kernel::process::max_grants &&
              console < kernel::process::max_grants);

} // namespace capsules::process::grant_numbers

#endif // CAPSULES_PROCESS_GRANT_NUMBERS_H
