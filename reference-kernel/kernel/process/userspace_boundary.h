/// The boundary between the kernel and processes, as the architecture
/// implements it: switching to a process and back, and the memory
/// protection that confines it.
#ifndef KERNEL_PROCESS_USERSPACE_BOUNDARY_H
#define KERNEL_PROCESS_USERSPACE_BOUNDARY_H

#include "kernel/process/process_id.h"
#include "kernel/process/process_memory.h"

#include <leash/annotations.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace kernel::process {

/// What the kernel keeps of a stopped process's registers: the ones the
/// exception entry does not push (r4..r11) and its stack pointer. r0..r3,
/// r12, lr, pc and xPSR are in the exception frame at the stack pointer,
/// in the process's own memory.
struct StoredRegisters {
  /// r4..r11.
  std::array<std::uint32_t, 8> callee_saved{};
  /// The process stack pointer (PSP) at the exception frame.
  std::uint32_t stack_pointer = 0;
};

/// A system call as the process made it: the `svc` immediate (its class)
/// and r0..r3 (its arguments), as the architecture took them from the
/// exception frame at the moment of the call.
struct SyscallEntry {
  /// r0..r3.
  std::array<std::uint32_t, 4> arguments{};
  /// The `svc` immediate.
  std::uint32_t number = 0;
};

/// Why a process stopped running and the kernel runs again.
enum class SwitchReason : std::uint8_t {
  /// It made a system call (`svc`).
  syscall,
  /// Its time slice ran out.
  timeslice_expired,
  /// An interrupt wants its bottom half.
  interrupted,
  /// It faulted (MemManage, BusFault, UsageFault, HardFault).
  fault,
};

/// What the architecture saw of a process's fault.
struct FaultRecord {
  /// The exception number (4 MemManage, 5 BusFault, 6 UsageFault, 3
  /// HardFault).
  std::uint8_t exception = 0;
  /// The Configurable Fault Status Register.
  std::uint32_t fault_status = 0;
  /// The faulting address (MMFAR or BFAR), when the hardware knows it.
  std::optional<std::uint32_t> address;
  /// The architecture's name of the exception ("MemManage"), for reports
  /// in layers that must not name the architecture (the process console).
  std::string_view name;
};

/// Switching to processes (Tock's `UserspaceKernelBoundary`), implemented by
/// the architecture layer.
class LEASH_COMPONENT UserspaceBoundary {
public:
  /// Starts the time slice: the process is interrupted after
  /// `microseconds`.
  virtual void start_timeslice(std::uint32_t microseconds) const = 0;
  /// Stops the time slice timer.
  virtual void stop_timeslice() const = 0;
  /// Runs the process whose registers are `registers` in unprivileged
  /// thread mode until it traps back; `registers` then hold its state. When
  /// it stopped at a system call, `syscall` holds the call: the
  /// architecture reads the `svc` immediate from the instruction the process
  /// just executed (the MPU let it execute it, so it lies in the process's
  /// own flash) and r0..r3 from the frame the hardware just pushed with the
  /// process's own permissions, so the kernel never reads the process's
  /// memory to decode a call.
  virtual SwitchReason switch_to_process(StoredRegisters &registers,
                                         SyscallEntry &syscall) const = 0;
  /// The last process fault's record.
  [[nodiscard]] virtual FaultRecord last_fault() const = 0;

protected:
  /// Boundaries are never destroyed through this interface.
  ~UserspaceBoundary() = default;
};

/// The memory protection unit as the kernel sees it (Tock's `MPU`).
class LEASH_COMPONENT MemoryProtection {
public:
  /// The smallest break at or above `requested` that the hardware can
  /// enforce for `memory` (its protection has a granularity), or nothing
  /// when none can be (the break lies outside the RAM block).
  [[nodiscard]] virtual std::optional<std::uint32_t>
  enforceable_break(const ProcessMemory &memory,
                    std::uint32_t requested) const = 0;
  /// Lets unprivileged code reach `memory`'s flash (read, execute) and its
  /// RAM up to `app_break` (read, write), and nothing else. `slot` is the
  /// process's slot in the table (below `max_processes`): a protection may
  /// keep what it computed for each slot, so that a switch between
  /// processes only writes the hardware (Tock keeps an MPU configuration in
  /// each process).
  virtual void configure_for(std::size_t slot, const ProcessMemory &memory,
                             std::uint32_t app_break) const = 0;

protected:
  /// Never destroyed through this interface.
  ~MemoryProtection() = default;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_USERSPACE_BOUNDARY_H
