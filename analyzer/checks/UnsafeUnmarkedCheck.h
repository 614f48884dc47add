//===--- UnsafeUnmarkedCheck.h - leash-unsafe-unmarked ----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_UNSAFEUNMARKEDCHECK_H
#define LEASH_ANALYZER_CHECKS_UNSAFEUNMARKEDCHECK_H

#include "UnsafeInCapsuleCheck.h"
#include "utils/UnsafeOperations.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <optional>

namespace clang::tidy::leash {

/// Finds unsafe operations outside unsafe code (a LEASH_UNSAFE or
/// LEASH_UNSAFE_API function, a LEASH_UNSAFE_BLOCK), except in capsule files.
/// Full description and options: rules/leash-unsafe-unmarked.md.
class UnsafeUnmarkedCheck : public ClangTidyCheck {
public:
  UnsafeUnmarkedCheck(StringRef Name, ClangTidyContext *Context);
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The capsule tier, when leash-unsafe-in-capsule reports it instead.
  std::optional<CapsuleTier> LeftToCapsuleCheck;
  UnsafeOperationFinder Operations;
  /// This unit's findings, one per place.
  UnsafeOperationReports Reports;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UNSAFEUNMARKEDCHECK_H
