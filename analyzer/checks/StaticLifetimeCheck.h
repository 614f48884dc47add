//===--- StaticLifetimeCheck.h - leash-static-lifetime ----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_STATICLIFETIMECHECK_H
#define LEASH_ANALYZER_CHECKS_STATICLIFETIMECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

namespace clang::tidy::leash {

/// Finds objects that must live forever but do not: a component or static-only
/// object, a list node or a leased array without static storage duration.
/// Full description and options: rules/leash-static-lifetime.md.
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
