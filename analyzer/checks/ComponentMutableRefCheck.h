//===--- ComponentMutableRefCheck.h - non-const components ------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEREFCHECK_H
#define LEASH_ANALYZER_CHECKS_COMPONENTMUTABLEREFCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leash {

/// Finds the ways of reaching a component other than through `const` (Rust:
/// capsules are shared as `&self`, never as `&mut self`):
/// - a variable, parameter, data member or function return type that is a
///   non-const reference or pointer to a component type (a class marked
///   LEASH_COMPONENT, or derived from one), with a fix-it adding `const`;
/// - a non-static member function declared on a component that is not
///   `const`, other than constructors, the destructor and assignment
///   operators, with a fix-it adding `const` when the function overrides
///   nothing.
///
/// Each declaration is reported once: at the template rather than per
/// instantiation, at the first declaration of a function rather than at its
/// out-of-line definition (the fix-it covers every declaration). Deleted
/// functions and compiler-generated declarations are not reported, nor are
/// the parameters and results of a component's own copy and move
/// operations. It has no options.
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
