//===--- CellRefEscapeCheck.h - leash-cell-ref-escape -----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_CELLREFESCAPECHECK_H
#define LEASH_ANALYZER_CHECKS_CELLREFESCAPECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds a reference lent by a cell's `map` that outlives the call: stored in a
/// member, a global, a capture or another cell, or returned as a pointer.
/// Full description and options: rules/leash-cell-ref-escape.md.
class CellRefEscapeCheck : public ClangTidyCheck {
public:
  CellRefEscapeCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Reported.clear(); }

private:
  /// Places already reported.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_CELLREFESCAPECHECK_H
