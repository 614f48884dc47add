//===--- LeaseUseAfterTransferCheck.cpp - leash-lease-use-after-transfer --===//

#include "LeaseUseAfterTransferCheck.h"
#include "utils/LeaseFlow.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

LeaseUseAfterTransferCheck::LeaseUseAfterTransferCheck(
    StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Budget(leaseFlowBudget(*Context)) {}

void LeaseUseAfterTransferCheck::storeOptions(
    ClangTidyOptions::OptionMap &Opts) {
  storeLeaseFlowBudget(Opts, Budget);
}

void LeaseUseAfterTransferCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder->addMatcher(lambdaExpr().bind("lambda"), this);
}

void LeaseUseAfterTransferCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Function = Lambda->getCallOperator();
  if (!isLeaseFlowCandidate(Function))
    return;
  Context = Result.Context;
  const SourceManager &Sources = *Result.SourceManager;
  reportLeaseFlowFindings(
      *this, LeaseFlowCache::of(*Result.Context, Budget).analyze(Function),
      LeaseFlowFinding::UseAfterTransfer, Sources, Reported);
}

void LeaseUseAfterTransferCheck::onEndOfTranslationUnit() {
  if (Context)
    LeaseFlowCache::release(*Context);
  Context = nullptr;
  Reported.clear();
}

} // namespace clang::tidy::leash
