//===--- RunReport.h - What one `leash check` run reports -----------------===//
///
/// \file
/// The outcome of a run as the JSON and SARIF writers and the baseline read
/// it, and what they share: paths relative to the source root, the
/// normalized text of a finding's source line, and the fingerprint built from
/// it.
///
/// A finding's fingerprint is `<hash>:<n>`: the first 16 hex digits of the
/// SHA-256 of the rule id, a NUL byte and the normalized text of the
/// finding's source line (whitespace runs collapsed to one space, trimmed,
/// bytes that are not UTF-8 replaced by U+FFFD),
/// and n, counting from 1, the finding's place among the findings of the
/// same rule in the same file whose lines have the same normalized text, in
/// line and column order. It does not change when lines are inserted or
/// removed elsewhere, nor when the line is re-indented.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_RUNREPORT_H
#define LEASH_DRIVER_RUNREPORT_H

#include "Finding.h"
#include "SourceText.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace leash {

/// What a shard's report (`leash check --shard I/N`) adds for `leash merge`.
struct ShardInfo {
  /// This part (from 1) of Count.
  unsigned Index = 1;
  unsigned Count = 1;
  /// A digest of everything that decides which checks run and how
  /// (CheckCommand.h, runConfiguration): shards whose digests differ are
  /// not parts of one run.
  std::string Configuration;
  /// For each reported finding, the index in Units of the first unit that
  /// reported it.
  std::vector<size_t> FindingUnits;
};

/// Everything a report says about one run.
struct RunReport {
  /// The directory that report paths are relative to: absolute, without a
  /// trailing separator.
  std::string SourceRoot;
  /// The directory leash ran in, absolute.
  std::string WorkingDirectory;
  /// Every translation unit, analysed or not (their Findings and Remarks are
  /// not read).
  std::vector<TranslationUnitResult> Units;
  /// The units left out of the run, and why; not counted in Units.
  std::vector<SkippedUnit> Skipped;
  /// The findings to report: each once, and with a baseline only those not
  /// in it.
  std::vector<Finding> Findings;
  /// The fingerprint of each of Findings, computed before a baseline took
  /// findings away, so that it does not depend on the baseline.
  std::vector<std::string> Fingerprints;
  /// The `--baseline` file, if one was given, and how many findings it
  /// matched (and so were not reported).
  std::string BaselineFile;
  size_t Baselined = 0;
  /// With `--unsafe-inventory`: every unsafe marker, each once.
  std::optional<std::vector<UnsafeMarker>> UnsafeMarkers;
  /// The run's exit status (ExitStatus.h).
  int ExitStatus = 0;
  /// Set for a run of one shard.
  std::optional<ShardInfo> Shard;
};

/// \p Line with every run of whitespace made one space, trimmed, and made
/// valid UTF-8 (U+FFFD for each byte that is not).
std::string normalizeWhitespace(llvm::StringRef Line);

/// The one name of the file at \p Path (relative to \p Directory): absolute,
/// without `.` and `..`, and with symbolic links resolved when the file
/// exists, so that a header reached as `a/../b.h`, as `b.h` or through a
/// link is one file in every report, not one per spelling.
std::string canonicalPath(llvm::StringRef Path, llvm::StringRef Directory);

/// \p File relative to \p Root with `/` separators, when it is inside Root;
/// otherwise empty.
std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root);

/// How reports name \p File: relative to \p Root when inside it, otherwise
/// the absolute path.
std::string reportPath(llvm::StringRef File, llvm::StringRef Root);

/// The fingerprint of each finding of \p Findings, in their order (see the
/// file comment).
std::vector<std::string> fingerprints(const std::vector<Finding> &Findings,
                                      SourceText &Sources);

/// Counts of what a run reports.
struct ReportCounts {
  size_t Units = 0, Analysed = 0, Skipped = 0, Warnings = 0, Errors = 0,
         Notes = 0;
};
ReportCounts countReport(const RunReport &Report);

} // namespace leash

#endif // LEASH_DRIVER_RUNREPORT_H
