//===--- LeaseDroppedCheck.cpp - leash-lease-dropped ----------------------===//

#include "LeaseDroppedCheck.h"
#include "utils/AstWalk.h"
#include "utils/LeaseFlow.h"
#include "utils/LeaseVocabulary.h"
#include "utils/Vocabulary.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// Whether the value of \p Call is thrown away: the call is a statement of
/// its own, or cast to void.
bool isDiscarded(const Expr *Call, ASTContext &Context) {
  const Expr *Child = nullptr;
  DynTypedNode Node =
      parentThrough(Context, Call, Child, [](const Expr *Parent, const Expr *) {
        return isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                   CXXBindTemporaryExpr, ExprWithCleanups>(Parent);
      });
  if (const auto *Parent = Node.get<Expr>()) {
    const auto *Cast = dyn_cast<ExplicitCastExpr>(Parent);
    return Cast && Cast->getType()->isVoidType();
  }
  const auto *Parent = Node.get<Stmt>();
  if (!Parent)
    return false;
  // A statement of its own: in a block, or as the body of a control
  // statement (not its condition).
  if (isa<CompoundStmt>(Parent))
    return true;
  if (const auto *If = dyn_cast<IfStmt>(Parent))
    return Child == If->getThen() || Child == If->getElse();
  if (const auto *While = dyn_cast<WhileStmt>(Parent))
    return Child == While->getBody();
  if (const auto *For = dyn_cast<ForStmt>(Parent))
    return Child == For->getBody() || Child == For->getInc();
  if (const auto *Do = dyn_cast<DoStmt>(Parent))
    return Child == Do->getBody();
  return isa<CaseStmt, DefaultStmt, LabelStmt>(Parent);
}

} // namespace

LeaseDroppedCheck::LeaseDroppedCheck(StringRef Name, ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context), Budget(leaseFlowBudget(*Context)),
      ReportSkipped(Options.get("ReportSkippedFunctions", false)) {}

void LeaseDroppedCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  storeLeaseFlowBudget(Opts, Budget);
  Options.store(Opts, "ReportSkippedFunctions", ReportSkipped);
}

void LeaseDroppedCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition()).bind("function"), this);
  Finder->addMatcher(lambdaExpr().bind("lambda"), this);
  Finder->addMatcher(callExpr().bind("call"), this);
}

void LeaseDroppedCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &Sources = *Result.SourceManager;
  if (const auto *Call = Result.Nodes.getNodeAs<CallExpr>("call")) {
    // A lease returned by value (not a reference to one, as assignment
    // operators return), thrown away.
    if (!Call->isPRValue() ||
        !(isLeaseType(Call->getType()) ||
          isLeaseWrapperType(Call->getType())) ||
        !isDiscarded(Call, *Result.Context))
      return;
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return;
    SourceLocation Location = Sources.getExpansionLoc(Call->getBeginLoc());
    std::string Message = "lease returned by '" + Callee->getNameAsString() +
                          "' is discarded; the buffer is lost for good "
                          "(keep it, put it back or move it on)";
    if (!Reported.emplace(Location.getRawEncoding(), Message).second)
      return;
    diag(Location, Message);
    return;
  }
  const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (const auto *Lambda = Result.Nodes.getNodeAs<LambdaExpr>("lambda"))
    Function = Lambda->getCallOperator();
  if (!isLeaseFlowCandidate(Function))
    return;
  Context = Result.Context;
  const LeaseFlowResult &Flow =
      LeaseFlowCache::of(*Result.Context, Budget).analyze(Function);
  if (Flow.Skipped) {
    // A warning when asked for, so that a gate cannot pass by silence;
    // otherwise a remark, which fails neither clang-tidy nor leash (and which
    // `leash check` prints only with --verbose).
    SourceLocation Location = Sources.getExpansionLoc(Function->getLocation());
    std::string Message =
        "function not analysed for lost leases: its " +
        std::to_string(Flow.Blocks) + " blocks times " +
        std::to_string(Flow.Variables) + " lease variables " +
        (Flow.OverBudget
             ? "exceed the LeaseFlowBudget of " + std::to_string(Budget)
             : std::string("did not settle within the bound on "
                           "block visits"));
    if (Reported.emplace(Location.getRawEncoding(), Message).second)
      diag(Location, Message,
           ReportSkipped ? DiagnosticIDs::Warning : DiagnosticIDs::Remark);
  }
  reportLeaseFlowFindings(*this, Flow, LeaseFlowFinding::Dropped, Sources,
                          Reported);
}

void LeaseDroppedCheck::onEndOfTranslationUnit() {
  if (Context)
    LeaseFlowCache::release(*Context);
  Context = nullptr;
  Reported.clear();
}

} // namespace clang::tidy::leash
