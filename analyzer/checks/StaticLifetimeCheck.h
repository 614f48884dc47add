//===--- StaticLifetimeCheck.h - leash-static-lifetime ----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_STATICLIFETIMECHECK_H
#define LEASH_ANALYZER_CHECKS_STATICLIFETIMECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds objects that must live forever but do not (Rust: capsules, list
/// nodes and DMA buffers are `&'static`):
/// - a local variable, a by-value parameter, a temporary or a heap object
///   (`new`) of a type marked LEASH_COMPONENT or LEASH_STATIC_ONLY (or
///   derived from one), or an array of them;
/// - a node pushed into a List (a member with the role "link", such as
///   `push_head`, of a cell of kind "list"), and the array a lease is created
///   from (an array argument bound by reference to a call whose result is a
///   lease), that is not known to have static storage duration: a local, a
///   temporary, or a parameter or pointer of unknown origin. A node whose type
///   is a component or static-only is static by rule, and so is a member of a
///   component reached through `this`.
/// - a local, by-value parameter, temporary or heap object of any other
///   class that holds a component or static-only object by value (in a
///   member, a member's member, an array member or a base): it lives only
///   as long as its holder.
///
/// Reported once (at the template rather than per instantiation; a
/// parameter at its function's first declaration). It has no options.
class StaticLifetimeCheck : public ClangTidyCheck {
public:
  StaticLifetimeCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override { Reported.clear(); }

private:
  void checkVariable(const VarDecl *Variable, ASTContext &Context);
  void checkObject(const Expr *Object, SourceLocation Location, int What,
                   ASTContext &Context);
  void reportObject(QualType Type, SourceLocation Location, int What,
                    ASTContext &Context);
  void reportHolder(QualType Type, const FieldDecl *Field, QualType Held,
                    StringRef Path, SourceLocation Location, int What,
                    ASTContext &Context);
  void checkPush(const CXXMemberCallExpr *Push, ASTContext &Context);
  void checkLeaseCreation(const Expr *Creation, ASTContext &Context);
  bool firstReport(SourceLocation Location, ASTContext &Context);

  /// Places already reported.
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_STATICLIFETIMECHECK_H
