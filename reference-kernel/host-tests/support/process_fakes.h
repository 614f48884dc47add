/// Test support: what the process table needs around it, faked for the
/// host -- the debug output, the MPU, the CPU's switch into processes, a
/// chip with no interrupts.
#ifndef HOST_TESTS_SUPPORT_PROCESS_FAKES_H
#define HOST_TESTS_SUPPORT_PROCESS_FAKES_H

#include "kernel/chip.h"
#include "kernel/debug_writer.h"
#include "kernel/process/userspace_boundary.h"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace host_tests {

/// The debug output, kept for tests to read.
class CapturedDebug final : public kernel::DebugWriter {
public:
  void write(std::string_view text) const override { output.append(text); }
  bool is_drained() const override { return true; }
  void write_at_end(std::string_view text) const override {
    output.append(text);
  }
  /// Everything written.
  mutable std::string output;
};

/// The one captured debug output of the test program (the kernel keeps the
/// writer it was given, so it must outlive every test), emptied.
inline CapturedDebug &fresh_captured_debug() {
  static CapturedDebug debug;
  debug.output.clear();
  return debug;
}

/// An MPU that enforces any break inside the block at 256-byte steps (as
/// PMSAv7 subregions of a 2 KiB block would), and records each
/// configuration. A test can make it answer `wrong_answer` instead, to see
/// the kernel refuse an answer that breaks the protection's contract.
class FakeProtection final : public kernel::process::MemoryProtection {
public:
  std::optional<std::uint32_t>
  enforceable_break(const kernel::process::ProcessMemory &memory,
                    std::uint32_t requested) const override {
    if (wrong_answer) {
      return *wrong_answer;
    }
    // Checked before rounding, so that a request near 2^32 cannot wrap to
    // a break of 0 (the syscall fuzzer found it); in 64 bits besides.
    if (requested < memory.ram_start() || requested > memory.ram_end()) {
      return std::nullopt;
    }
    const std::uint64_t rounded = (std::uint64_t{requested} + 255U) & ~255ULL;
    if (rounded > memory.ram_end()) {
      return std::nullopt;
    }
    return static_cast<std::uint32_t>(rounded);
  }
  void configure_for(std::size_t, const kernel::process::ProcessMemory &,
                     std::uint32_t app_break) const override {
    configured_breaks.push_back(app_break);
  }
  /// The break of each configuration, in order.
  mutable std::vector<std::uint32_t> configured_breaks;
  /// What `enforceable_break` answers whatever it is asked, if set.
  std::optional<std::uint32_t> wrong_answer;
};

/// A CPU that runs nothing: each switch records which process (by stack
/// pointer) it was asked to run and returns the next scripted reason (then:
/// the slice expired).
class ScriptedBoundary final : public kernel::process::UserspaceBoundary {
public:
  void start_timeslice(std::uint32_t) const override {}
  void stop_timeslice() const override {}
  kernel::process::SwitchReason
  switch_to_process(kernel::process::StoredRegisters &registers,
                    kernel::process::SyscallEntry &entry) const override {
    ran.push_back(registers.stack_pointer);
    ran_r4.push_back(registers.callee_saved[0]);
    if (syscalls.empty()) {
      entry = syscall;
    } else {
      entry = syscalls.front();
      syscalls.pop_front();
    }
    if (stack_pointer_to_set != 0) {
      registers.stack_pointer = stack_pointer_to_set;
      stack_pointer_to_set = 0;
    }
    if (r4_to_set != 0) {
      registers.callee_saved[0] = r4_to_set;
      r4_to_set = 0;
    }
    if (reasons.empty()) {
      return kernel::process::SwitchReason::timeslice_expired;
    }
    const kernel::process::SwitchReason reason = reasons.front();
    reasons.pop_front();
    return reason;
  }
  kernel::process::FaultRecord last_fault() const override { return fault; }

  /// Why the next switches return.
  mutable std::deque<kernel::process::SwitchReason> reasons;
  /// The stack pointer of each process run.
  mutable std::vector<std::uint32_t> ran;
  /// The r4 of each process run.
  mutable std::vector<std::uint32_t> ran_r4;
  /// When not 0, the next switch leaves the process with this r4 (as a
  /// process that used its registers).
  mutable std::uint32_t r4_to_set = 0;
  /// The system calls the next syscall switches report, in order (then
  /// `syscall`).
  mutable std::deque<kernel::process::SyscallEntry> syscalls;
  /// When not 0, the next switch leaves the process with this stack
  /// pointer (as a process that moved its own).
  mutable std::uint32_t stack_pointer_to_set = 0;
  /// What a fault looks like.
  kernel::process::FaultRecord fault{};
  /// The system call a syscall switch reports (2: command, of driver 0).
  kernel::process::SyscallEntry syscall{.arguments = {}, .number = 2};
};

/// A chip with no interrupts, for `Processes::run_next`.
class QuietChip final : public kernel::Chip {
public:
  bool has_pending_interrupts() const override { return false; }
  void service_pending_interrupts() const override {}
  kernel::InterruptMask disable_interrupts() const override {
    return kernel::InterruptMask::enabled;
  }
  void restore_interrupts(kernel::InterruptMask) const override {}
  void sleep() const override {}
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_PROCESS_FAKES_H
