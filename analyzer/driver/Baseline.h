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
///       ]
///     }
///
/// `rule`, `file` and `text` are matched; `line` and `message` are for
/// readers. A file outside the source root is recorded by its absolute path.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_BASELINE_H
#define LEASH_DRIVER_BASELINE_H

#include "RunReport.h"

#include "llvm/Support/Error.h"

#include <map>
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

private:
  using Key = std::tuple<std::string, std::string, std::string>;
  std::map<Key, size_t> Counts;
};

/// Writes \p Findings as a baseline to \p Path.
llvm::Error writeBaseline(const std::string &Path,
                          const std::vector<Finding> &Findings,
                          llvm::StringRef SourceRoot, SourceText &Sources);

} // namespace leash

#endif // LEASH_DRIVER_BASELINE_H
