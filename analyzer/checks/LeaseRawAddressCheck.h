//===--- LeaseRawAddressCheck.h - leash-lease-raw-address -------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASERAWADDRESSCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASERAWADDRESSCHECK_H

#include "utils/Vocabulary.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang::tidy::leash {

/// Finds a lease's raw address kept beyond the register write that gives it to
/// the hardware: stored, passed on, returned, or used in other ways.
/// Full description and options: rules/leash-lease-raw-address.md.
class LeaseRawAddressCheck : public ClangTidyCheck {
public:
  LeaseRawAddressCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  std::unique_ptr<UnsafeContext> Contexts;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASERAWADDRESSCHECK_H
