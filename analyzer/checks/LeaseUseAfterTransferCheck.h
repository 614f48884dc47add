//===--- LeaseUseAfterTransferCheck.h - use after transfer ------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEUSEAFTERTRANSFERCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEUSEAFTERTRANSFERCHECK_H

#include "utils/LeaseFlow.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <utility>

namespace clang::tidy::leash {

/// Finds a lease variable used on some path after its ownership was
/// transferred (Rust: use of a moved value does not compile). Transfers
/// are moves into a call argument taken by value or by rvalue reference,
/// into a cell (`put`, `replace`), into another lease, and `return`. The
/// warning is at the use, with a note at the transfer. An emptiness test
/// (a member with the role "test_empty" or "test_full", `is_empty()`) is
/// not a use, and a branch on it refines what each side knows; assigning the
/// variable a new lease makes it usable again.
///
/// The analysis (utils/LeaseFlow.h) is shared with leash-lease-dropped: one
/// CFG and one dataflow per function, whichever check asks first. The
/// vocabulary's own members (of LEASH_LEASE and LEASH_CELL classes) are not
/// analysed; templates are analysed in their instantiations and reported
/// once.
///
/// Option `LeaseFlowBudget` (default 200000; may be given once as a global
/// option for both flow checks): a function whose CFG blocks times tracked
/// lease variables exceed it is not analysed (leash-lease-dropped's
/// `ReportSkippedFunctions` reports such functions).
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
