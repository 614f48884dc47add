/// AlarmDriver: one-shot alarms for every process on one virtual alarm, as
/// system call driver 0x0.
#ifndef CAPSULES_PROCESS_ALARM_DRIVER_H
#define CAPSULES_PROCESS_ALARM_DRIVER_H

#include "capsules/process/grant_numbers.h"
#include "capsules/process/marked_processes.h"
#include "kernel/hil/time.h"
#include "kernel/process/grant.h"
#include "kernel/process/processes.h"
#include "kernel/process/syscall_driver.h"

#include <leash/annotations.h>
#include <leash/cell.h>

#include <array>
#include <cstdint>

namespace capsules::process {

/// The system call half of Tock's alarm capsule
/// (capsules/core/src/alarm.rs): each process may have one alarm armed; all
/// of them share one `kernel::hil::time::Alarm` (on the board, a
/// `VirtualAlarm` of the `MuxAlarm`), which is always set for the earliest.
///
/// Driver 0x0, Tock's numbers:
/// - command 0: the driver exists (success);
/// - command 1: the counter's frequency in hertz (success with it);
/// - command 2: the counter's value now (success with it);
/// - command 3: disarm this process's alarm; `ErrorCode::already` when none
///   is armed;
/// - command 5 `dt`: arm it for now + `dt`; success with the expiration;
/// - command 6 `reference` `dt`: arm it for `reference` + `dt` (a moment
///   already past fires at once); success with the expiration.
///
/// Upcall 0 with (now, expiration, 0) when it fires. Several processes'
/// alarms that expire together fire earliest expiration first. Setting an
/// alarm replaces the process's earlier one. A process's alarm lives in its
/// grant and ends with it; the driver keeps only which processes have one
/// armed, by `ProcessId`, and drops an ended process's id the next time it
/// looks.
class LEASH_COMPONENT AlarmDriver final
    : public kernel::process::SyscallDriver,
      public kernel::hil::time::AlarmClient {
public:
  /// Tock's driver number for the alarm.
  static constexpr std::uint32_t driver_number = 0x0;

  /// The commands.
  enum Command : std::uint32_t {
    /// Whether the driver exists.
    exists = 0,
    /// The frequency.
    frequency = 1,
    /// The counter now.
    now = 2,
    /// Disarm.
    stop = 3,
    /// Arm relative to now.
    set_relative = 5,
    /// Arm relative to a reference.
    set_absolute = 6,
  };

  /// The upcall that reports an expiry.
  static constexpr std::uint32_t fired_upcall = 0;

  /// A driver for the processes of `processes` on `alarm`; the board makes
  /// the driver the alarm's client.
  AlarmDriver(const kernel::process::Processes &processes,
              const kernel::hil::time::Alarm &alarm)
      : processes_(processes), alarm_(alarm), expirations_(processes) {}

  // kernel::process::SyscallDriver

  /// Answers command `number` from `process`.
  [[nodiscard]] kernel::process::SyscallReturn
  command(std::uint32_t number, std::uint32_t argument1,
          std::uint32_t argument2,
          kernel::process::ProcessId process) const override;

  // kernel::hil::time::AlarmClient

  /// The earliest alarm expired: every expired process hears of it, and
  /// the alarm is set for the next.
  void alarm_fired() const override;

private:
  /// A process's alarm, in its grant.
  struct Expiration {
    /// Whether it is armed.
    bool armed;
    /// Its reference.
    kernel::hil::time::Ticks reference;
    /// Its distance from the reference.
    kernel::hil::time::Ticks dt;
  };

  /// Arms `process`'s alarm for `reference` + `dt`.
  [[nodiscard]] kernel::process::SyscallReturn
  arm(kernel::process::ProcessId process, kernel::hil::time::Ticks reference,
      kernel::hil::time::Ticks dt) const;
  /// Disarms `process`'s alarm.
  [[nodiscard]] kernel::process::SyscallReturn
  disarm(kernel::process::ProcessId process) const;
  /// Sets the shared alarm for the earliest armed process, or disarms it.
  void set_earliest() const;

  /// The process table.
  const kernel::process::Processes &processes_;
  /// The shared alarm.
  const kernel::hil::time::Alarm &alarm_;
  /// Each process's alarm.
  kernel::process::Grant<Expiration, grant_numbers::alarm> expirations_;
  /// Which processes have one armed.
  MarkedProcesses armed_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_ALARM_DRIVER_H
