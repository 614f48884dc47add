//===--- ExitStatus.h - The documented exit statuses of `leash` -----------===//

#ifndef LEASH_DRIVER_EXITSTATUS_H
#define LEASH_DRIVER_EXITSTATUS_H

namespace leash {

/// What `leash` returns to its caller; documented in the README.
enum ExitStatus : int {
  /// Every unit was analysed and nothing was found at `--fail-on` or above.
  ExitClean = 0,
  /// Findings at or above the `--fail-on` severity (with `--baseline`,
  /// findings that the baseline does not hold).
  ExitFindings = 1,
  /// A usage or configuration error (including a missing or malformed
  /// baseline): nothing was analysed.
  ExitUsage = 2,
  /// At least one translation unit could not be analysed.
  ExitUnitFailed = 3,
};

} // namespace leash

#endif // LEASH_DRIVER_EXITSTATUS_H
