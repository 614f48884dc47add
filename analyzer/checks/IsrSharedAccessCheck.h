//===--- IsrSharedAccessCheck.h - leash-isr-shared-access -------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_ISRSHAREDACCESSCHECK_H
#define LEASH_ANALYZER_CHECKS_ISRSHAREDACCESSCHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds interrupt handlers that touch shared state (Tock: the top half of
/// an interrupt only masks it and leaves the work to the kernel loop, which
/// runs the driver's bottom half; cells are `!Sync`). In a function marked
/// LEASH_INTERRUPT, and in the functions defined in the same translation
/// unit that it calls directly:
/// - a use of a cell (a variable, member or element whose type is a cell,
///   or made only of cells);
/// - a call of a non-static member function (or member operator) of a
///   component.
///
/// A use inside a helper is reported there, once, with a note at the call
/// in the handler; but a cell the handler hands to the helper (through a
/// parameter) is reported at the argument in the handler, once, and the
/// members of cells and leases are not followed: a finding never lands in
/// the vocabulary's implementation, where it could be neither fixed nor
/// suppressed. Calls into components are not followed (the call is the
/// finding), nor are calls through pointers, assembly, or into functions
/// defined in other translation units. It has no options.
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
