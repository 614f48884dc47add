//===--- LeaseDroppedCheck.h - leash-lease-dropped --------------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEDROPPEDCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEDROPPEDCHECK_H

#include "utils/LeaseFlow.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <string>
#include <utility>

namespace clang::tidy::leash {

/// Finds buffers lost for good (Tock issues #4721 and #5107: an error path
/// that returns without handing the buffer back to the client). Reported:
///
/// - a lease variable (local, or parameter by value or rvalue reference)
///   that on some path still owns its buffer when it goes out of scope,
///   when the function returns, or when it is overwritten; the warning is
///   where the buffer is lost, with a note where the variable got it;
/// - a discarded lease-typed call result: `cell.take()` or
///   `cell.replace(...)` as a statement, a driver call that hands the
///   buffer back with its refusal, also when cast to `void`.
///
/// The flow analysis (utils/LeaseFlow.h) is shared with
/// leash-lease-use-after-transfer: one CFG and one dataflow per function.
/// The vocabulary's own members (of LEASH_LEASE and LEASH_CELL classes)
/// are not analysed; templates are analysed in their instantiations and
/// reported once.
///
/// Options:
///
/// `LeaseFlowBudget` (default 200000; may be given once as a global option
/// for both flow checks): a function whose CFG blocks times tracked lease
/// variables exceed it is not analysed.
///
/// `ReportSkippedFunctions` (default false): each function skipped for the
/// budget is a remark, which fails nothing (`leash check` prints it only
/// with --verbose); with this option it is a warning, so that a gate cannot
/// pass by silence.
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
