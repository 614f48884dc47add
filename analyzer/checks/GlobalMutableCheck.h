//===--- GlobalMutableCheck.h - leash-global-mutable ------------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_GLOBALMUTABLECHECK_H
#define LEASH_ANALYZER_CHECKS_GLOBALMUTABLECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leash {

/// Finds shared state outside cells: a mutable static object that is not a
/// cell, and a use of a lease's backing array other than creating its lease.
/// Full description and options: rules/leash-global-mutable.md.
class GlobalMutableCheck : public ClangTidyCheck {
public:
  GlobalMutableCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The static variables seen, in order, to judge at the end of the unit
  /// (a lease may be created from an array after its definition).
  llvm::SmallVector<const VarDecl *, 16> Variables;
  /// Where each lease's backing array has its lease created (the first
  /// creation seen).
  llvm::DenseMap<const VarDecl *, SourceLocation> Backing;
  /// The uses of static arrays other than creating a lease, in order.
  llvm::SmallVector<std::pair<const VarDecl *, SourceLocation>, 16> Uses;
  /// Places already reported (templates are seen once per instantiation).
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_GLOBALMUTABLECHECK_H
