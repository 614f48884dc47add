//===--- UnsafeUnmarkedCheck.cpp - leash-unsafe-unmarked ------------------===//

#include "UnsafeUnmarkedCheck.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

UnsafeUnmarkedCheck::UnsafeUnmarkedCheck(StringRef Name,
                                         ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context) {
  // Checks are made per translation unit, after the context has read the
  // configuration that applies to it.
  if (Context->isCheckEnabled(UnsafeInCapsuleCheck::Id))
    LeftToCapsuleCheck.emplace(CapsuleTier::optionValue(Context));
}

void UnsafeUnmarkedCheck::registerMatchers(MatchFinder *Finder) {
  for (const auto &Candidate : UnsafeOperationFinder::candidates("operation"))
    Finder->addMatcher(Candidate, this);
}

void UnsafeUnmarkedCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *S = Result.Nodes.getNodeAs<Stmt>("operation");
  std::optional<FoundUnsafeOperation> Found =
      Operations.find(S, *Result.Context);
  if (!Found || Found->InUnsafeContext)
    return;
  if (LeftToCapsuleCheck && LeftToCapsuleCheck->contains(Found->ReportLocation,
                                                         *Result.SourceManager))
    return;
  Reports.add(Found->ReportLocation, Found->Operation.Description);
}

void UnsafeUnmarkedCheck::onEndOfTranslationUnit() {
  Reports.flush([this](SourceLocation Where, StringRef What) {
    diag(Where,
         "%0 outside LEASH_UNSAFE code; mark the function "
         "LEASH_UNSAFE(\"why\") or wrap it in LEASH_UNSAFE_BLOCK(\"why\")")
        << What;
  });
  Operations.reset();
  if (LeftToCapsuleCheck)
    LeftToCapsuleCheck->reset();
}

} // namespace clang::tidy::leash
