//===--- LeaseDroppedCheck.h - leash-lease-dropped --------------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEDROPPEDCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEDROPPEDCHECK_H

#include "utils/LeaseFlow.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <utility>

namespace clang::tidy::leash {

/// Finds buffers lost for good: a lease that may still own its buffer where it
/// goes out of scope or is overwritten, and a discarded lease-typed result.
/// Full description and options: rules/leash-lease-dropped.md.
class LeaseDroppedCheck : public ClangTidyCheck {
public:
  LeaseDroppedCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  const unsigned Budget;
  const bool ReportSkipped;
  ReportedFindings Reported;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASEDROPPEDCHECK_H
