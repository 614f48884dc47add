//===--- CellReentrantMapCheck.h - leash-cell-reentrant-map -----*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_CELLREENTRANTMAPCHECK_H
#define LEASH_ANALYZER_CHECKS_CELLREENTRANTMAPCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds re-entrant access to a cell from inside its own `map` (Rust: a
/// `MapCell::map` closure cannot reach the same cell mutably; Tock's
/// `TakeCell::map` finds the cell empty). Inside a lambda given to a member
/// with the role "lend" (`map`, `map_or`, ...) of a cell of kind "take"
/// (TakeCell) or "map" (MapCell), or of a user's type marked
/// LEASH_CELL("take") or LEASH_CELL("map"): a call of a member with the role
/// "lend", "take", "put" or "replace" on the same cell. The same cell is the
/// same variable (through references bound to it) or pointer variable, `this`,
/// members, and constant subscripts; anything else is not compared.
/// OptionalCell's `map` works on a copy and is not re-entrant.
///
/// Reported at the inner call, once (at the template rather than per
/// instantiation), with a note at the outer `map`. It has no options.
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
