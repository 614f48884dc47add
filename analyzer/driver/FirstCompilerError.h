//===--- FirstCompilerError.h - The error the compiler hit first ---*- C++
//-*-===//
///
/// \file
/// Why a translation unit could not be analysed, told truthfully: the first
/// error the compiler reported, in the order it reported them, with its
/// location and the chain of includes that led to it. clang-tidy's
/// diagnostic consumer sorts what it collects by file path, so its first
/// error is whichever file sorts first (often a later symptom, or the
/// location-less "too many errors emitted"); this consumer sits in front
/// of it and remembers the first one as it passes.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_FIRSTCOMPILERERROR_H
#define LEASH_DRIVER_FIRSTCOMPILERERROR_H

#include "Finding.h"

#include "clang/Basic/Diagnostic.h"

#include <optional>
#include <string>
#include <vector>

namespace leash {

/// The first error of a unit.
struct CompilerError {
  /// Where it is (empty file for an error without a location).
  SourceLocation Where;
  /// The compiler's message.
  std::string Message;
  /// The includes that led to its file, innermost first ("included from").
  std::vector<SourceLocation> IncludedFrom;

  /// One line: `FILE:LINE:COL: MESSAGE (included from FILE:LINE, ...)`.
  std::string describe() const;
};

/// Forwards every diagnostic to \p Next, remembering the first error.
class FirstCompilerErrorRecorder : public clang::DiagnosticConsumer {
public:
  explicit FirstCompilerErrorRecorder(clang::DiagnosticConsumer &Next)
      : Next(Next) {}

  /// The first error (or fatal error) seen, if any.
  const std::optional<CompilerError> &firstError() const { return First; }

  void BeginSourceFile(const clang::LangOptions &LangOpts,
                       const clang::Preprocessor *PP) override;
  void EndSourceFile() override;
  void finish() override;
  bool IncludeInDiagnosticCounts() const override;
  void HandleDiagnostic(clang::DiagnosticsEngine::Level Level,
                        const clang::Diagnostic &Info) override;

private:
  clang::DiagnosticConsumer &Next;
  std::optional<CompilerError> First;
};

} // namespace leash

#endif // LEASH_DRIVER_FIRSTCOMPILERERROR_H
