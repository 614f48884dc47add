/// Loading processes from the apps region at boot.
#ifndef KERNEL_PROCESS_PROCESS_LOADER_H
#define KERNEL_PROCESS_PROCESS_LOADER_H

#include "kernel/process/processes.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace kernel::process {

/// What the loader did.
struct LoadSummary {
  /// Apps loaded and started.
  std::size_t loaded = 0;
  /// Apps refused (each with one line on the debug output).
  std::size_t refused = 0;
};

/// The smallest RAM block the loader gives a process: its minimum RAM and
/// at least as much again for its heap and grants, rounded up to a power of
/// two (the MPU covers a block with one region).
[[nodiscard]] std::uint32_t ram_block_size(std::uint32_t minimum_ram);

/// Walks the app images in `apps` (the apps region, at `apps_address`) and
/// loads each valid, enabled one into `processes`, its RAM block carved out
/// of `ram_pool` (at `ram_pool_address`) at the address it was linked for.
/// An image that is refused -- a corrupt or truncated header, an app linked
/// for RAM outside the pool or overlapping an app already loaded, a full
/// process table -- gets one line on the debug output and the others still
/// load; only a header whose sizes cannot be trusted ends the walk, since
/// the next image cannot be found without them.
LoadSummary load_processes(const Processes &processes,
                           std::span<const std::uint8_t> apps,
                           std::uint32_t apps_address,
                           std::span<std::uint8_t> ram_pool,
                           std::uint32_t ram_pool_address);

/// The `size` bytes at `address`, as a span. Unsafe: the caller promises
/// that the memory exists, that nothing else (no kernel object, no other
/// span) uses it, and that it stays for the kernel's run -- the board's apps
/// region and process RAM pool, which its linker script keeps the kernel
/// out of.
LEASH_UNSAFE_API std::span<std::uint8_t> memory_at(std::uint32_t address,
                                                   std::size_t size);

} // namespace kernel::process

#endif // KERNEL_PROCESS_PROCESS_LOADER_H
