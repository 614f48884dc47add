//===--- RunGate.h - From the units' results to a report and exit status --===//
///
/// \file
/// What `leash check` and `leash merge` share once the units are analysed:
/// each finding once, fingerprints, the baseline, the exit status, the
/// report in its format, the baseline file and the summary line. A merge of
/// shard reports goes through the same code as a single run, so that it
/// reports, and fails, as that run would.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_RUNGATE_H
#define LEASH_DRIVER_RUNGATE_H

#include "Baseline.h"
#include "Finding.h"
#include "RunReport.h"

#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace leash {

/// What the units found, each finding, remark and marker once: a header's
/// finding appears once per run, however many units include it.
struct MergedResults {
  std::vector<Finding> Findings;
  /// For each of Findings, the index (in the run's units) of the first unit
  /// that reported it: `leash merge` needs it to put the findings of shards
  /// back in a single run's order.
  std::vector<size_t> FindingUnits;
  std::vector<Finding> Remarks;
  std::vector<UnsafeMarker> Markers;
};

/// Each finding, remark and marker of \p Results once, in the units' order;
/// markers sorted by place.
MergedResults
mergeUnitResults(const std::vector<TranslationUnitResult> &Results);

/// How a run reports and when it fails: the options `leash check` and
/// `leash merge` share.
struct GateOptions {
  /// `text`, `json` or `sarif`.
  std::string Format = "text";
  /// Empty for stdout.
  std::string OutputFile;
  std::string BaselineFile;
  std::string WriteBaselineFile;
  Severity FailOn = Severity::Warning;
  bool UnsafeInventory = false;
  /// Units whose result came from the cache, said in the summary when a
  /// cache is used.
  std::optional<size_t> FromCache;
};

/// What a run settles before any work: where it runs, the directory its
/// report paths are relative to, and the baseline it is held to.
struct RunSetup {
  std::string WorkingDirectory;
  /// Canonical, as the files of findings are (RunReport.h).
  std::string SourceRoot;
  std::optional<Baseline> Accepted;
};

/// Checks \p Format, finds the working directory and the source root
/// (\p SourceRoot, or the working directory when empty), and reads
/// \p BaselineFile if one is named; the error is the one line that a usage
/// error prints.
llvm::Expected<RunSetup> prepareRun(llvm::StringRef Format,
                                    llvm::StringRef SourceRoot,
                                    llvm::StringRef BaselineFile);

/// Completes \p Report (whose SourceRoot, WorkingDirectory, Units, Skipped
/// and Shard are set) from \p Merged under \p Accepted, writes the report,
/// the baseline file and the summary line, and returns the exit status.
int finishRun(const GateOptions &Options, RunReport &Report,
              const MergedResults &Merged,
              const std::optional<Baseline> &Accepted);

} // namespace leash

#endif // LEASH_DRIVER_RUNGATE_H
