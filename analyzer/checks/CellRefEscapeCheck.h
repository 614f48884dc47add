//===--- CellRefEscapeCheck.h - leash-cell-ref-escape -----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_CELLREFESCAPECHECK_H
#define LEASH_ANALYZER_CHECKS_CELLREFESCAPECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds references lent by a cell's `map` that outlive the call (Rust: the
/// closure of `TakeCell::map` gets `&mut T` for the call only; the borrow
/// checker rejects storing it). Inside a lambda given to a member with the
/// role "lend" (`map`, `map_or`, ...) of a TakeCell or a MapCell (or a user's
/// LEASH_CELL("take") or LEASH_CELL("map") type), the lambda's parameter, or a
/// pointer, reference or view derived from it (`&value`, `value.member`,
/// `value.data()`, a local pointer or reference initialized from them, a
/// `std::span` or `std::string_view` over them):
/// - assigned to a data member, to a variable of static storage duration,
///   or to a variable declared outside the lambda (a by-reference capture);
/// - used to initialize a static local;
/// - stored in a cell (a member with the role "put" or "replace", such as
///   `put`, `replace`, `set`, `insert`, on another cell);
/// - returned as a pointer or view, or as a reference from a member that
///   returns the callable's result itself.
///
/// Reported once, at the escape, with a note at the `map`. It has no
/// options.
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
