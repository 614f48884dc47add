//===--- Finding.h - What the checker found in one translation unit -------===//
///
/// \file
/// The driver's model of a run's results, independent of clang-tidy's types
/// so that workers can hand them to the parent process and every output
/// writer (text, JSON, SARIF) reads the same thing.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_FINDING_H
#define LEASH_DRIVER_FINDING_H

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace leash {

/// A place in a source file; lines and columns count from 1, columns in bytes
/// as Clang's do.
struct SourceLocation {
  std::string File;
  unsigned Line = 0;
  unsigned Column = 0;
};

/// A note attached to a finding ("leased here", "declared here").
struct Note {
  std::string Message;
  SourceLocation Where;
};

/// A replacement that a check suggests (clang's fix-it): the bytes from
/// Begin up to End (same file, End exclusive) become Replacement.
struct FixIt {
  SourceLocation Begin;
  SourceLocation End;
  std::string Replacement;
};

/// How bad a finding is, in clang-tidy's terms.
enum class Severity { Note, Warning, Error };

/// One diagnostic: a rule's finding, or a compiler error.
struct Finding {
  /// The rule id (`leash-...`) or `clang-diagnostic-error`.
  std::string Rule;
  Severity Level = Severity::Warning;
  std::string Message;
  SourceLocation Where;
  std::vector<Note> Notes;
  /// The check's suggested fix, every replacement of it; `leash lsp`
  /// offers it as a quick fix. Not part of the reports.
  std::vector<FixIt> Fixes;
};

/// A place marked unsafe: a LEASH_UNSAFE or LEASH_UNSAFE_API function, or a
/// LEASH_UNSAFE_BLOCK.
struct UnsafeMarker {
  /// "function", "api" or "block".
  std::string Kind;
  /// The function's qualified name; for a block, the enclosing function's.
  std::string Name;
  /// The reason the marker gives (none for LEASH_UNSAFE_API).
  std::string Reason;
  SourceLocation Where;
};

/// The outcome of analysing one translation unit.
/// A unit of the database that the run leaves out, and why: excluded with
/// `--exclude`, a C unit (the rules are about C++), or one whose
/// configuration enables no leash rule (vendored code turned off in its
/// `.clang-tidy`).
struct SkippedUnit {
  std::string File;
  std::string Reason;
};

struct TranslationUnitResult {
  /// The main source file, as the compile database names it.
  std::string File;
  /// False when the unit could not be analysed: a parse error, a driver that
  /// could not be queried, a crash. Such a unit never passes the gate.
  bool Analysed = false;
  /// Why the unit was not analysed, in one line.
  std::string FailureReason;
  /// Where the error that stopped the compiler is, when it has a place in a
  /// file (the first error in the compiler's own order).
  std::optional<SourceLocation> FailureLocation;
  std::vector<Finding> Findings;
  /// The remarks: what the checks say that is not a finding (a function too
  /// large to analyse). Never reported, counted or baselined as findings, and
  /// they never change the exit status; `--verbose` prints them. Their Level
  /// is Note.
  std::vector<Finding> Remarks;
  /// The unsafe markers seen, when the inventory was asked for.
  std::vector<UnsafeMarker> UnsafeMarkers;
  /// Whether the result was read from `--cache-dir` instead of analysed.
  /// Never part of a report, so that reports do not depend on the cache.
  bool FromCache = false;
};

/// The spelling of a severity in text output and JSON.
const char *severityName(Severity Level);

void to_json(nlohmann::json &J, const SourceLocation &L);
void from_json(const nlohmann::json &J, SourceLocation &L);
void to_json(nlohmann::json &J, const Note &N);
void from_json(const nlohmann::json &J, Note &N);
void to_json(nlohmann::json &J, const FixIt &F);
void from_json(const nlohmann::json &J, FixIt &F);
void to_json(nlohmann::json &J, const Finding &F);
void from_json(const nlohmann::json &J, Finding &F);
void to_json(nlohmann::json &J, const UnsafeMarker &M);
void from_json(const nlohmann::json &J, UnsafeMarker &M);
void to_json(nlohmann::json &J, const TranslationUnitResult &R);
void from_json(const nlohmann::json &J, TranslationUnitResult &R);

} // namespace leash

#endif // LEASH_DRIVER_FINDING_H
