/// Grant<T>: per-process kernel state of type T, in the process's grant
/// region.
#ifndef KERNEL_PROCESS_GRANT_H
#define KERNEL_PROCESS_GRANT_H

#include "kernel/process/processes.h"

#include <leash/annotations.h>

#include <cstddef>
#include <new>
#include <span>
#include <type_traits>

namespace kernel::process {

/// A driver's per-process state (Tock's `Grant`): one `T` for each process
/// that uses the driver, allocated in that process's grant region (the top
/// of its RAM block, which its MPU configuration keeps from it) the first
/// time the driver enters it, and gone with the process. `Number` is the
/// grant's slot in each process (one per driver; at most `max_grants`).
///
/// `enter` gives the closure the process's `T` for the duration of the
/// call; entering the same grant of the same process again from inside is
/// refused (`ErrorCode::already`), so the closure never sees two references
/// to one `T`. `T` must be trivially destructible: a process that ends
/// takes its grants with it, and nothing runs on them.
template <typename T, std::size_t Number> class Grant {
  static_assert(std::is_trivially_destructible_v<T>,
                "grant state is dropped with its process: no destructor");
  static_assert(std::is_default_constructible_v<T>,
                "grant state starts as T{}");
  static_assert(Number < max_grants, "a process has max_grants grants");

public:
  /// The grant of the processes in `processes`.
  explicit constexpr Grant(const Processes &processes)
      : processes_(processes) {}

  /// Calls `use(T &)` with `process`'s state; what `enter_grant` says.
  template <typename Use> Result enter(ProcessId process, Use &&use) const {
    return processes_.enter_grant(
        process, Number, sizeof(T), alignof(T),
        [&use](std::span<std::uint8_t> storage, bool fresh) {
          LEASH_UNSAFE_BLOCK(
              "the storage is this grant's own bytes in the process's grant "
              "region, sized and aligned for T, zeroed and constructed as T "
              "on first use, and entered by one closure at a time") {
            T *value =
                fresh ? new (storage.data()) T{}
                      : std::launder(reinterpret_cast<T *>(storage.data()));
            use(*value);
          }
        });
  }

private:
  /// The process table.
  const Processes &processes_;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_GRANT_H
