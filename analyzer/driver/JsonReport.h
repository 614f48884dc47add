//===--- JsonReport.h - A run's findings as leash's own JSON --------------===//
///
/// \file
/// `leash check --format=json` writes one JSON object, version 1:
///
///     {
///       "format": "leash-report",
///       "version": 1,
///       "tool": {"name": "leash", "version": "0.1.0"},
///       "sourceRoot": "/abs/path",
///       "findings": [
///         {"rule": "leash-unsafe-unmarked", "severity": "warning",
///          "message": "...", "file": "src/uart.cpp", "line": 12,
///          "column": 13, "fingerprint": "0123456789abcdef:1",
///          "notes": [{"message": "...", "file": "...", "line": 3,
///                     "column": 1}]}
///       ],
///       "translationUnits": [
///         {"file": "src/uart.cpp", "analysed": true, "failure": null},
///         {"file": "src/usb.cpp", "analysed": false,
///          "failure": "src/usb.h:3:1: unknown type name 'x' (included from
///                      src/usb.cpp:2)",
///          "failureLocation": {"file": "src/usb.h", "line": 3, "column": 1}}
///       ],
///       "skippedUnits": [
///         {"file": "vendor/lib.cpp",
///          "reason": "its configuration enables no leash rule (...)"}
///       ],
///       "baseline": {"file": "leash-baseline.json", "matched": 4},
///       "summary": {"translationUnits": 1, "analysed": 1, "skipped": 1,
///                   "warnings": 1, "errors": 0},
///       "exitStatus": 1
///     }
///
/// Files are relative to `sourceRoot` when inside it, absolute otherwise;
/// lines and columns count from 1, columns in bytes; all three are null for
/// a diagnostic that has no place in a file (a bad compiler option). `severity`
/// is `note`, `warning` or `error`; `failure` says in one line why a unit was
/// not analysed: for a unit that does not compile, the first error in the
/// compiler's own order, with the includes that led to it, and its place in
/// `failureLocation` (absent when the error has none, or for other
/// reasons); a unit that does not compile contributes its compiler errors
/// to `findings`, never what the checks said of its half-parsed code;
/// `baseline` is null without `--baseline`, and then `findings` holds every
/// finding. `fingerprint` is described in RunReport.h. A shard's report
/// (`--shard I/N`) ends with what `leash merge` needs:
///
///       "shard": {"index": 1, "count": 3, "configuration": "<digest>",
///                 "findingUnits": [0, 0, 2]}
///
/// `configuration` is a digest of the checks and options of the run (shards
/// of one run have the same), and `findingUnits` gives, for each finding,
/// the index in `translationUnits` of the first unit that reported it. A later
/// version may add members; it changes `version` only when it removes or
/// changes one.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_JSONREPORT_H
#define LEASH_DRIVER_JSONREPORT_H

#include "RunReport.h"

#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

namespace leash {

/// The version of the JSON report format.
constexpr int JsonReportVersion = 1;

/// \p Report as described in the file comment.
nlohmann::ordered_json jsonReport(const RunReport &Report);

/// Writes \p Report as described in the file comment.
void writeJsonReport(const RunReport &Report, llvm::raw_ostream &OS);

} // namespace leash

#endif // LEASH_DRIVER_JSONREPORT_H
