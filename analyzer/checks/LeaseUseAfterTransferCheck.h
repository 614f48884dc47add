//===--- LeaseUseAfterTransferCheck.h - use after transfer ------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEUSEAFTERTRANSFERCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEUSEAFTERTRANSFERCHECK_H

#include "utils/LeaseFlow.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <utility>

namespace clang::tidy::leash {

/// Finds a lease variable used on some path after its ownership was
/// transferred (moved into a call, a cell or another lease, or returned).
/// Full description and options: rules/leash-lease-use-after-transfer.md.
class LeaseUseAfterTransferCheck : public ClangTidyCheck {
public:
  LeaseUseAfterTransferCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;

private:
  const unsigned Budget;
  ReportedFindings Reported;
  ASTContext *Context = nullptr;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASEUSEAFTERTRANSFERCHECK_H
