//===--- LeaseAccessInFlightCheck.h - access in flight ----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEACCESSINFLIGHTCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEACCESSINFLIGHTCHECK_H

#include "utils/Vocabulary.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang::tidy::leash {

/// Finds the CPU touching a buffer while the hardware owns it (Tock issue
/// #2637: Rust's TakeCell lets a driver `map` the buffer it gave to DMA).
/// A data member marked LEASH_IN_FLIGHT holds leases during a transfer;
/// the only uses allowed are those that move a lease in or out, or look at
/// whether one is there:
///
/// - on a cell member: a member with the role "take", "put", "replace",
///   "test_empty" or "test_full" (`take`, `put`, `replace`, `is_some`,
///   `is_none`);
/// - on a lease member: moving a lease in (`member = std::move(lease)`),
///   moving it out (`std::move(member)`), and its emptiness test (the role
///   "test_empty", `is_empty()`).
///
/// Anything else is reported at the use, with a note at the member: `map`
/// and the rest of the map family, element access, iteration, the raw
/// address, a copy, taking the member's address, binding a reference to
/// it or passing it by reference. Compiler-generated code is not looked
/// at; a use in a template is reported once. The check has no options.
class LeaseAccessInFlightCheck : public ClangTidyCheck {
public:
  LeaseAccessInFlightCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  std::unique_ptr<UnsafeContext> Contexts;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASEACCESSINFLIGHTCHECK_H
