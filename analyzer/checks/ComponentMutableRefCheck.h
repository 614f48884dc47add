//===--- ComponentMutableRefCheck.h - non-const components ------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEREFCHECK_H
#define LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEREFCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leash {

/// Finds components reached other than through `const`: non-const references
/// or pointers to a component type, and non-const member functions of one.
/// Full description and options: rules/leash-component-mutable-ref.md.
class ComponentMutableRefCheck : public ClangTidyCheck {
public:
  ComponentMutableRefCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;

private:
  void checkVariable(const DeclaratorDecl *Declaration, ASTContext &Context);
  void checkReturnType(const FunctionDecl *Function, ASTContext &Context);
  void checkMemberFunction(const CXXMethodDecl *Method);
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEREFCHECK_H
