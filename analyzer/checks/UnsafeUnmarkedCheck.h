//===--- UnsafeUnmarkedCheck.h - leash-unsafe-unmarked ----------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_UNSAFEUNMARKEDCHECK_H
#define LEASH_ANALYZER_CHECKS_UNSAFEUNMARKEDCHECK_H

#include "UnsafeInCapsuleCheck.h"
#include "utils/UnsafeOperations.h"

#include "clang-tidy/ClangTidyCheck.h"

#include <optional>

namespace clang::tidy::leash {

/// Finds unsafe operations outside unsafe code (Rust: an unsafe operation
/// outside an `unsafe fn` or `unsafe {}` block does not compile). Unsafe
/// code is the body of a function marked LEASH_UNSAFE("why") or
/// LEASH_UNSAFE_API on any of its declarations, with the lambdas written in
/// it, and the block of a LEASH_UNSAFE_BLOCK("why"). The operations are
/// those of UnsafeOperationClassifier: reinterpret_cast, casts between
/// integers and pointers, const_cast and casts that drop const, raw pointer
/// arithmetic and subscripting, inline assembly, volatile accesses through
/// a pointer or reference, union reads after a write to another member,
/// placement new at a computed address, and calls to LEASH_UNSAFE_API
/// functions.
///
/// In capsule files the check is silent while leash-unsafe-in-capsule is
/// enabled, which reports every unsafe operation there (one defect, one
/// finding); it reads that check's `CapsulePaths` option to know the tier.
/// It has no options of its own.
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
