//===--- SarifReport.h - A run's findings as SARIF 2.1.0 ------------------===//
///
/// \file
/// `leash check --format=sarif` writes a SARIF 2.1.0 log of one run, in the
/// subset that GitHub code scanning reads:
///
/// - `tool.driver`: name, version, and one rule (reportingDescriptor) for
///   every implemented rule of the catalogue and for every other rule that
///   has a result (compiler diagnostics, other clang-tidy checks), each with
///   short and full descriptions, help (the rule's page as Markdown) and,
///   when leash was built with LEASH_RULE_HELP_BASE_URI, a helpUri.
/// - one result per finding: rule, level, message, the location relative to
///   `%SRCROOT%` (absolute `file:` URIs for files outside it), notes as
///   related locations, and `partialFingerprints.primaryLocationLineHash`
///   (RunReport.h describes it).
/// - `originalUriBaseIds` giving `%SRCROOT%`, the source root.
/// - one invocation: whether every unit was analysed, the exit status, and
///   an error notification for each unit that was not (and for diagnostics
///   that have no place in a file).
///
/// Columns are counted in Unicode code points (`columnKind`).
///
/// The log of a shard (`--shard I/N`) holds, as the run's property
/// `leashShardReport`, the shard's JSON report (JsonReport.h), which
/// `leash merge` reads.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_SARIFREPORT_H
#define LEASH_DRIVER_SARIFREPORT_H

#include "RunReport.h"

#include "llvm/Support/raw_ostream.h"

#include <string>

namespace leash {

/// Writes \p Report as SARIF 2.1.0.
void writeSarifReport(const RunReport &Report, llvm::raw_ostream &OS);

/// The `file:` URI of the absolute path \p Path.
std::string fileUri(llvm::StringRef Path);

} // namespace leash

#endif // LEASH_DRIVER_SARIFREPORT_H
