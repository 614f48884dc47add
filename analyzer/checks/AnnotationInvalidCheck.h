//===--- AnnotationInvalidCheck.h - leash-annotation-invalid ----*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_ANNOTATIONINVALIDCHECK_H
#define LEASH_ANALYZER_CHECKS_ANNOTATIONINVALIDCHECK_H

#include "clang-tidy/ClangTidyCheck.h"

namespace clang::tidy::leash {

/// Finds annotations the checker cannot act on: a role or cell kind it does
/// not know, or a marker on a declaration where it has no effect.
/// Full description and options: rules/leash-annotation-invalid.md.
class AnnotationInvalidCheck : public ClangTidyCheck {
public:
  AnnotationInvalidCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_ANNOTATIONINVALIDCHECK_H
