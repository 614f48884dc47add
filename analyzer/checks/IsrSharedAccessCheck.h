//===--- IsrSharedAccessCheck.h - leash-isr-shared-access -------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_ISRSHAREDACCESSCHECK_H
#define LEASH_ANALYZER_CHECKS_ISRSHAREDACCESSCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds interrupt handlers (and the helpers they call directly) that use a
/// cell or call a non-static member of a component.
/// Full description and options: rules/leash-isr-shared-access.md.
class IsrSharedAccessCheck : public ClangTidyCheck {
public:
  IsrSharedAccessCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Reported.clear(); }

private:
  /// Reports the shared accesses in \p Body, which belongs to \p Function;
  /// \p Handler is the interrupt handler, and \p Call its call of
  /// \p Function when \p Function is a helper (else null).
  void checkBody(const Stmt *Body, const FunctionDecl *Function,
                 const FunctionDecl *Handler, const CallExpr *Call,
                 ASTContext &Context);

  /// Reports \p Use, found in \p Function's body (see checkBody), if it
  /// uses a cell or calls into a component; at \p UsedAt when it is valid
  /// (the call that evaluates the default argument \p Use is part of).
  void checkUse(const Expr *Use, SourceLocation UsedAt,
                const FunctionDecl *Function, const FunctionDecl *Handler,
                const CallExpr *Call, ASTContext &Context);

  /// Places already reported.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_ISRSHAREDACCESSCHECK_H
