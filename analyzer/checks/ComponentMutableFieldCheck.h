//===--- ComponentMutableFieldCheck.h - mutable component state -*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEFIELDCHECK_H
#define LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEFIELDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds component state that changes other than through cells (Rust: a
/// capsule reached through `&self` can change only what is in a `Cell`,
/// `OptionalCell`, `TakeCell` or `MapCell`). In a class marked
/// LEASH_COMPONENT (or derived from one):
/// - a data member declared `mutable` whose type is not a cell (nor an
///   array of cells, nor a class made only of cells, such as
///   `std::array<Cell<T>, N>`), reported once, at its declaration;
/// - a write to a data member that is not a cell, not `mutable` (reported
///   already) and not a reference (writing through a reference member is not
///   writing the component): an assignment, an increment, a non-const member
///   call, a non-const address or reference taken, anywhere except in the
///   component's constructors on the object being constructed.
///
/// A finding in a template is reported once, at the template. It has no
/// options.
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
