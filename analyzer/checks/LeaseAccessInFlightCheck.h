//===--- LeaseAccessInFlightCheck.h - access in flight ----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEACCESSINFLIGHTCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEACCESSINFLIGHTCHECK_H

#include "utils/Vocabulary.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang::tidy::leash {

/// Finds the CPU touching a buffer while the hardware owns it: a use of a
/// LEASH_IN_FLIGHT member other than moving its lease in or out, or testing it.
/// Full description and options: rules/leash-lease-access-in-flight.md.
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
