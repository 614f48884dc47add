//===--- Baseline.h - Findings accepted so far ----------------------------===//
///
/// \file
/// A baseline records the findings of a run (`leash check --write-baseline
/// FILE`); a later run given it (`--baseline FILE`) reports, and fails on,
/// only the findings it does not hold. A finding is matched by its rule, its
/// file relative to the source root, and the normalized text of its source
/// line (RunReport.h), not by its line number, so that edits elsewhere in the
/// file do not bring an accepted finding back. Matching counts: when the
/// baseline holds one finding and the code now has two identical ones, one
/// of them is reported.
///
/// The file is JSON:
///
///     {
///       "format": "leash-baseline",
///       "version": 1,
///       "findings": [
///         {"rule": "leash-unsafe-unmarked", "file": "src/uart.cpp",
///          "text": "auto *r = reinterpret_cast<Regs *>(base);",
///          "line": 12, "message": "reinterpret_cast ..."}
///       ],
///       "failedUnits": [
///         {"file": "vendor/hal.cpp", "reason": "vendor/hal.h:3:1: ..."}
///       ]
///     }
///
/// `rule`, `file` and `text` are matched; `line` and `message` are for
/// readers. A file outside the source root is recorded by its absolute path.
/// `failedUnits` (optional) are the translation units that could not be
/// analysed when the baseline was written: a run given the baseline does
/// not fail (exit status 3) for those, only for units that newly fail. They
/// are matched by file; the reason is for readers.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_BASELINE_H
#define LEASH_DRIVER_BASELINE_H

#include "RunReport.h"

#include "llvm/Support/Error.h"

#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace leash {

/// The findings a baseline file accepts.
class Baseline {
public:
  /// The version of the file format that this leash reads and writes.
  static constexpr int FormatVersion = 1;

  /// Reads \p Path; the error says in one line what is wrong with it.
  static llvm::Expected<Baseline> read(const std::string &Path);

  /// For each finding of \p Findings, whether the baseline holds it. Each
  /// baseline entry matches at most one finding, the findings being taken in
  /// file, line and column order.
  std::vector<bool> match(const std::vector<Finding> &Findings,
                          llvm::StringRef SourceRoot,
                          SourceText &Sources) const;

  /// Whether the baseline accepts that \p File (a unit's main file) could
  /// not be analysed.
  bool acceptsFailure(llvm::StringRef File, llvm::StringRef SourceRoot) const;

private:
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, size_t> Counts;
  std::set<std::string> FailedUnits;
};

/// Writes \p Findings and the units of \p Units that could not be analysed
/// as a baseline to \p Path.
llvm::Error writeBaseline(const std::string &Path,
                          const std::vector<Finding> &Findings,
                          const std::vector<TranslationUnitResult> &Units,
                          llvm::StringRef SourceRoot, SourceText &Sources);

} // namespace leash

#endif // LEASH_DRIVER_BASELINE_H
