/// MpuMemoryProtection: the kernel's MemoryProtection on the Cortex-M MPU.
#ifndef ARCH_CORTEX_M_MPU_MEMORY_PROTECTION_H
#define ARCH_CORTEX_M_MPU_MEMORY_PROTECTION_H

#include "arch/cortex-m/mpu.h"
#include "arch/cortex-m/process_mpu_config.h"
#include "kernel/process/process_id.h"
#include "kernel/process/process_memory.h"
#include "kernel/process/userspace_boundary.h"

#include <leash/annotations.h>
#include <leash/map_cell.h>
#include <leash/optional_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace arch::cortex_m {

/// A process's memory layout: everything its MPU regions are computed from.
struct ProcessLayout {
  /// The process's flash image's start and end.
  std::uint32_t flash_start = 0;
  /// See `flash_start`.
  std::uint32_t flash_end = 0;
  /// Its RAM block's start and end.
  std::uint32_t ram_start = 0;
  /// See `ram_start`.
  std::uint32_t ram_end = 0;
  /// Its break.
  std::uint32_t app_break = 0;

  /// The layout of `memory` with its break at `app_break`.
  [[nodiscard]] static ProcessLayout
  of(const kernel::process::ProcessMemory &memory, std::uint32_t app_break) {
    return ProcessLayout{.flash_start = memory.flash_start(),
                         .flash_end = memory.flash_end(),
                         .ram_start = memory.ram_start(),
                         .ram_end = memory.ram_end(),
                         .app_break = app_break};
  }

  /// Whether both say the same. Always inlined: every slice's end compares,
  /// and GCC's call to an out-of-line copy cost a tenth of the switch.
  [[gnu::always_inline]] friend constexpr bool
  operator==(const ProcessLayout &, const ProcessLayout &) = default;
};

/// Confines each process to its flash image (read, execute) and its RAM up
/// to its break (read, write), with `configure_process`'s two regions. A
/// process's RAM block must be a valid region (a power of two, aligned to
/// its size, 256 bytes or more for a break below its end) and its flash
/// image a run of whole subregions of its covering region; a process whose
/// memory is not gets no enforceable break, so it never starts.
class LEASH_COMPONENT MpuMemoryProtection final
    : public kernel::process::MemoryProtection {
public:
  /// Protection through `mpu`.
  explicit MpuMemoryProtection(const Mpu &mpu) : mpu_(mpu) {}

  /// `requested` rounded up to the next eighth of the RAM block (a
  /// subregion boundary), or nothing if it lies outside the block or the
  /// process's memory cannot be expressed in regions.
  [[nodiscard]] std::optional<std::uint32_t>
  enforceable_break(const kernel::process::ProcessMemory &memory,
                    std::uint32_t requested) const override;

  /// Programs the process's regions and turns the MPU on; nothing when the
  /// MPU already holds exactly these (the same process's next time slice,
  /// its break unchanged: nothing else programs the MPU while processes
  /// run), and only the process's two regions after another process's,
  /// computed once per layout of its slot. A memory layout that cannot be
  /// expressed (never one whose break came from `enforceable_break`), or a
  /// slot from `max_processes` up, gets no region at all: the process then
  /// faults on its first access instead of reaching memory that is not its
  /// own.
  void configure_for(std::size_t slot,
                     const kernel::process::ProcessMemory &memory,
                     std::uint32_t app_break) const override;

private:
  /// The regions computed for one slot's layout.
  struct SlotRegions {
    /// The layout they were computed for.
    ProcessLayout layout;
    /// The regions.
    ProcessMpuConfig config;
  };

  /// Programs the regions of `wanted`, the layout of `slot`'s process, which
  /// the MPU does not hold: kept ones if the slot's layout is unchanged.
  void reprogram(std::size_t slot, const ProcessLayout &wanted) const;

  /// Programs `config`: over another process's regions if the MPU holds
  /// some, otherwise all regions, and turns the MPU on.
  void program(const ProcessMpuConfig &config) const;

  /// The MPU's driver.
  const Mpu &mpu_;
  /// The layout the MPU holds now, if it was programmed for a process.
  leash::OptionalCell<ProcessLayout> programmed_;
  /// Each slot's last computed regions (44 bytes a slot): computing them
  /// costs more than the rest of a switch between two processes.
  leash::MapCell<
      std::array<std::optional<SlotRegions>, kernel::process::max_processes>>
      computed_{{}};
};

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_MPU_MEMORY_PROTECTION_H
