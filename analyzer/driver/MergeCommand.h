//===--- MergeCommand.h - `leash merge` -----------------------------------===//
///
/// \file
/// Joins the JSON (or SARIF) reports of the shards of one run (`leash check
/// --shard I/N --format=json`) into the report that the run would have made
/// unsharded,
/// in any format, and fails as it would have: the same findings in the same
/// order, each once, with the same fingerprints, `--baseline` and
/// `--fail-on` applied to the whole, and the same exit status (ExitStatus.h).
///
/// Reports that are not leash's, not of a shard, of another leash version or
/// format, of runs with other checks or options, or that do not make up
/// shards 1 to N exactly once, are refused (exit status 2), as are shards
/// run with `--baseline` (give it to the merge instead). The merge reads the
/// lines of the findings under `--source-root`, as `leash check` does for
/// fingerprints and the baseline, so it runs in a checkout of the tree that
/// the shards checked; a line that differs from the shards' is refused too.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_MERGECOMMAND_H
#define LEASH_DRIVER_MERGECOMMAND_H

#include "RunGate.h"

#include <string>
#include <vector>

namespace leash {

/// Everything `leash merge` was asked to do.
struct MergeRequest {
  /// The shards' JSON reports or SARIF logs.
  std::vector<std::string> Inputs;
  /// The directory that paths in the shards' reports are relative to; empty
  /// means the current directory.
  std::string SourceRoot;
  /// The report, baseline and failure options, as `leash check` has them.
  GateOptions Gate;
};

/// Runs `leash merge`; returns an ExitStatus.
int runMerge(const MergeRequest &Request);

} // namespace leash

#endif // LEASH_DRIVER_MERGECOMMAND_H
