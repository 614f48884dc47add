//===--- ComponentMutableFieldCheck.h - mutable component state -*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEFIELDCHECK_H
#define LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEFIELDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds component state that changes other than through cells: a `mutable`
/// data member that is not a cell, or a write to a member that is not a cell.
/// Full description and options: rules/leash-component-mutable-field.md.
class ComponentMutableFieldCheck : public ClangTidyCheck {
public:
  ComponentMutableFieldCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Reported.clear(); }

private:
  void checkMutableField(const FieldDecl *Field);
  void checkMemberUse(const MemberExpr *Use, ASTContext &Context);

  /// Where findings were made: a template's are found again in each
  /// instantiation, at the same place.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEFIELDCHECK_H
