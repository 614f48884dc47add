//===--- CellReentrantMapCheck.h - leash-cell-reentrant-map -----*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_CELLREENTRANTMAPCHECK_H
#define LEASH_ANALYZER_CHECKS_CELLREENTRANTMAPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds a cell reached again from inside its own `map`: a take, put, replace
/// or lend of the same cell in the lambda given to it.
/// Full description and options: rules/leash-cell-reentrant-map.md.
class CellReentrantMapCheck : public ClangTidyCheck {
public:
  CellReentrantMapCheck(StringRef Name, ClangTidyContext *Context)
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

#endif // LEASH_ANALYZER_CHECKS_CELLREENTRANTMAPCHECK_H
