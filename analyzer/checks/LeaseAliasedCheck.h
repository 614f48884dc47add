//===--- LeaseAliasedCheck.h - leash-lease-aliased --------------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEALIASEDCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEALIASEDCHECK_H

#include "utils/ObjectPaths.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace clang::tidy::leash {

/// Finds buffers with more than one lease: an array leased twice, or a lease
/// created in a loop or in a function that can run more than once.
/// Full description and options: rules/leash-lease-aliased.md.
class LeaseAliasedCheck : public ClangTidyCheck {
public:
  LeaseAliasedCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// An object leased in this translation unit, where it was first leased,
  /// and how messages name it.
  struct LeasedObject {
    NamedObject Path;
    SourceLocation Location;
    std::string Spelling;
  };
  /// The leased objects, in the order of their first creation (a unit
  /// creates few leases, so a list is enough).
  llvm::SmallVector<LeasedObject, 16> Leased;
  /// Creation sites already looked at (a template's instantiations share
  /// one site).
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASEALIASEDCHECK_H
