//===--- LeaseFlow.cpp - Who owns each lease, path by path ----------------===//

#include "LeaseFlow.h"
#include "CalleeSummaries.h"
#include "LeaseFlowDriver.h"
#include "Vocabulary.h"

#include "clang/Analysis/CFG.h"

#include <set>
#include <tuple>

namespace clang::tidy::leash {

namespace {

using namespace flow;

/// How many blocks back a note looks for the branch that leads into a
/// block: far enough for the statements between a condition and what it
/// guards, near enough that the note still explains the path.
constexpr unsigned MaxBranchNoteDistance = 8;

/// The reporting pass of one function: turns what the transfer functions
/// find over the fixpoint into findings with their notes.
class Reporter : public ReportingSink {
public:
  Reporter(const FunctionDecl *Function, const FunctionFlow &Flow,
           LeaseFlowResult &Result)
      : Function(Function), Flow(Flow), Result(Result) {}

  void enterBlock(const CFGBlock &Block) override { Current = &Block; }
  void usedAfterTransfer(unsigned Index, const PlaceState &Place,
                         SourceLocation Where) override;
  void lost(unsigned Index, const PlaceState &Place, SourceLocation Where,
            const char *How) override;
  void leaveFunction(const CFGBlock &Block, const FlowState &State) override;

private:
  /// Adds a finding (its notes come after); null if the same was reported
  /// here before.
  LeaseFlowFinding *addFinding(LeaseFlowFinding::RuleKind Rule,
                               SourceLocation Where, std::string Message);
  /// Adds to \p Finding a note at the branch condition that leads into
  /// \p Block, if the path into it has one within a few blocks.
  static void noteBranchInto(LeaseFlowFinding &Finding, const CFGBlock *Block);
  /// Adds to \p Finding a note at \p Condition, taken on its \p TrueSide.
  static void noteCondition(LeaseFlowFinding &Finding, const Stmt *Condition,
                            bool TrueSide);
  /// The name of place \p Index.
  const std::string &name(unsigned Index) const {
    return Flow.places().all()[Index].Name;
  }

  const FunctionDecl *Function;
  const FunctionFlow &Flow;
  LeaseFlowResult &Result;
  /// The block being reported on.
  const CFGBlock *Current = nullptr;
  std::set<std::tuple<int, unsigned, std::string>> Reported;
};

void Reporter::leaveFunction(const CFGBlock &Block, const FlowState &State) {
  // Parameters end with the function: at this block's return, or at the
  // closing brace.
  SourceLocation Where = Function->getBody()->getEndLoc();
  const char *How = "when the function ends";
  for (const CFGElement &Element : Block)
    if (auto S = Element.getAs<CFGStmt>())
      if (isa<ReturnStmt>(S->getStmt())) {
        Where = S->getStmt()->getBeginLoc();
        How = "when the function returns";
      }
  for (unsigned I = 0; I < State.Places.size(); ++I) {
    const LeasePlace &Place = Flow.places().all()[I];
    // A lent parameter goes back to the caller (the summary's business).
    if (!isa<ParmVarDecl>(Place.Root) || Place.Borrowed)
      continue;
    if (State.Places[I].Facts & MayOwn)
      lost(I, State.Places[I], Where, How);
  }
}

void Reporter::noteBranchInto(LeaseFlowFinding &Finding,
                              const CFGBlock *Block) {
  for (unsigned Depth = 0; Block && Depth < MaxBranchNoteDistance; ++Depth) {
    if (Block->pred_size() != 1)
      return;
    const CFGBlock *Before = Block->pred_begin()->getReachableBlock();
    if (!Before)
      return;
    if (isa_and_nonnull<SwitchStmt>(Before->getTerminatorStmt()) &&
        isa_and_nonnull<SwitchCase>(Block->getLabel())) {
      Finding.Notes.emplace_back(Block->getLabel()->getBeginLoc(),
                                 "on the path through this case");
      return;
    }
    if (Before->succ_size() == 2)
      if (const Stmt *Condition = Before->getTerminatorCondition()) {
        noteCondition(Finding, Condition,
                      Before->succ_begin()->getReachableBlock() == Block);
        return;
      }
    Block = Before;
  }
}

void Reporter::noteCondition(LeaseFlowFinding &Finding, const Stmt *Condition,
                             bool TrueSide) {
  Finding.Notes.emplace_back(
      Condition->getBeginLoc(),
      std::string("on the path where this condition is ") +
          (TrueSide ? "true" : "false"));
}

LeaseFlowFinding *Reporter::addFinding(LeaseFlowFinding::RuleKind Rule,
                                       SourceLocation Where,
                                       std::string Message) {
  if (!Reported.emplace(Rule, Where.getRawEncoding(), Message).second)
    return nullptr;
  LeaseFlowFinding &Finding = Result.Findings.emplace_back();
  Finding.Rule = Rule;
  Finding.Location = Where;
  Finding.Message = std::move(Message);
  return &Finding;
}

void Reporter::usedAfterTransfer(unsigned Index, const PlaceState &Place,
                                 SourceLocation Where) {
  const bool Maybe = Place.Facts & (MayOwn | Unknown);
  LeaseFlowFinding *Finding = addFinding(
      LeaseFlowFinding::UseAfterTransfer, Where,
      "lease '" + name(Index) + "' is used after its ownership was " +
          "transferred" + (Maybe ? " on some path" : "") +
          "; it owns no buffer here (reassign it first, or check "
          "is_empty())");
  if (!Finding)
    return;
  // On some path only: the branch that leads to the transfer comes first,
  // as the path goes.
  if (Maybe)
    noteBranchInto(*Finding, Place.TransferBlock);
  if (Place.Transfer.isValid())
    Finding->Notes.emplace_back(Place.Transfer,
                                "lease '" + name(Index) + "' transferred here");
}

void Reporter::lost(unsigned Index, const PlaceState &Place,
                    SourceLocation Where, const char *How) {
  if (Where.isInvalid())
    return;
  const bool Maybe = Place.Facts & (MayMoved | Unknown);
  LeaseFlowFinding *Finding = addFinding(
      LeaseFlowFinding::Dropped, Where,
      "lease '" + name(Index) + "' " +
          (Maybe ? "may still own" : "still owns") + " its buffer " + How +
          "; the buffer is lost for good (hand it back or move it on before "
          "this point)");
  if (!Finding)
    return;
  if (Place.Acquired.isValid())
    Finding->Notes.emplace_back(Place.Acquired, "lease '" + name(Index) +
                                                    "' got its buffer here");
  // The branch that leads here: this block's own branch straight out of
  // the function, or the branch before it.
  const CFGBlock *Block = Current;
  const CFGBlock *Exit = &Flow.graph().getExit();
  if (Block && Block->succ_size() == 2 && Block->getTerminatorCondition())
    for (unsigned Side = 0; Side < 2; ++Side)
      if (Block->succ_begin()[Side].getReachableBlock() == Exit) {
        noteCondition(*Finding, Block->getTerminatorCondition(), Side == 0);
        return;
      }
  noteBranchInto(*Finding, Block);
}

/// The caches of the translation units being analysed on this thread.
thread_local llvm::DenseMap<ASTContext *, std::unique_ptr<LeaseFlowCache>>
    Caches;

} // namespace

void reportLeaseFlowFindings(ClangTidyCheck &Check, const LeaseFlowResult &Flow,
                             LeaseFlowFinding::RuleKind Rule,
                             const SourceManager &Sources,
                             ReportedFindings &Reported) {
  for (const LeaseFlowFinding &Finding : Flow.Findings) {
    if (Finding.Rule != Rule)
      continue;
    SourceLocation Location = Sources.getExpansionLoc(Finding.Location);
    if (!Reported.emplace(Location.getRawEncoding(), Finding.Message).second)
      continue;
    Check.diag(Location, Finding.Message);
    for (const auto &[Where, What] : Finding.Notes)
      Check.diag(Sources.getExpansionLoc(Where), What, DiagnosticIDs::Note);
  }
}

bool isLeaseFlowCandidate(const FunctionDecl *Function) {
  if (!Function || !Function->doesThisDeclarationHaveABody() ||
      Function->isImplicit() || Function->isDefaulted() ||
      Function->isDependentContext() || Function->isInvalidDecl())
    return false;
  return !isVocabularyImplementation(Function);
}

unsigned leaseFlowBudget(ClangTidyContext &Context) {
  const ClangTidyOptions::OptionMap &Options =
      Context.getOptions().CheckOptions;
  auto Found = Options.find(LeaseFlowCache::BudgetOption);
  if (Found == Options.end())
    return LeaseFlowCache::DefaultBudget;
  unsigned Budget = 0;
  if (llvm::StringRef(Found->second.Value).getAsInteger(10, Budget)) {
    Context.configurationDiag("invalid configuration value '%0' for option "
                              "'%1'; expected an integer")
        << Found->second.Value << LeaseFlowCache::BudgetOption;
    return LeaseFlowCache::DefaultBudget;
  }
  return Budget;
}

void storeLeaseFlowBudget(ClangTidyOptions::OptionMap &Options,
                          unsigned Budget) {
  Options[LeaseFlowCache::BudgetOption] =
      ClangTidyOptions::ClangTidyValue(std::to_string(Budget));
}

LeaseFlowCache::LeaseFlowCache(ASTContext &Context, unsigned Budget)
    : Context(Context), Budget(Budget),
      Summaries(std::make_unique<CalleeSummaries>(Context, Budget)) {}

LeaseFlowCache::~LeaseFlowCache() = default;

LeaseFlowCache &LeaseFlowCache::of(ASTContext &Context, unsigned Budget) {
  std::unique_ptr<LeaseFlowCache> &Cache = Caches[&Context];
  if (!Cache)
    Cache = std::make_unique<LeaseFlowCache>(Context, Budget);
  return *Cache;
}

void LeaseFlowCache::release(ASTContext &Context) { Caches.erase(&Context); }

const LeaseFlowResult &LeaseFlowCache::analyze(const FunctionDecl *Function) {
  if (auto Found = Results.find(Function); Found != Results.end())
    return *Found->second;
  LeaseFlowResult &Result =
      *Results.try_emplace(Function, std::make_unique<LeaseFlowResult>())
           .first->second;
  // While it runs, a recursive call has no summary; once it has run, its
  // summary is recorded for its callers (unless they asked for it first).
  const bool Record = Summaries->beginAnalysis(Function);
  FunctionFlow Flow(Function, Context, Budget, *Summaries);
  const FunctionFlow::Outcome Outcome = Flow.run();
  Result.Variables = Flow.places().all().size();
  Result.Blocks = Flow.blocks();
  Result.Skipped = Outcome == FunctionFlow::Outcome::OverBudget ||
                   Outcome == FunctionFlow::Outcome::Unsettled;
  Result.OverBudget = Outcome == FunctionFlow::Outcome::OverBudget;
  CalleeSummary Summary;
  if (Record)
    Summary = Flow.summary();
  Reporter Findings(Function, Flow, Result);
  Flow.report(Findings);
  Summaries->endAnalysis(Function, Record, std::move(Summary));
  return Result;
}

} // namespace clang::tidy::leash
