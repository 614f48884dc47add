//===--- LeaseFlowDriver.cpp - Runs the lease dataflow to its fixpoint ----===//

#include "LeaseFlowDriver.h"

#include "clang/Analysis/Analyses/PostOrderCFGView.h"
#include "clang/Analysis/FlowSensitive/DataflowWorklist.h"

namespace clang::tidy::leash::flow {

FunctionFlow::FunctionFlow(const FunctionDecl *Function, ASTContext &Context,
                           unsigned Budget, CalleeSummaries &Summaries)
    : Function(Function), Context(Context), Budget(Budget),
      Places(Function, Context), Transfer(Places, Context, Summaries) {}

FunctionFlow::Outcome FunctionFlow::run() {
  Stmt *Body = Function->getBody();
  const unsigned Count = Places.all().size();
  if (!Body || Count == 0)
    return Result = Outcome::Nothing;

  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(Function, Body, &Context, Options);
  if (!Graph)
    return Result = Outcome::Nothing;
  Blocks = Graph->getNumBlockIDs();
  if (std::uint64_t(Blocks) * Count > Budget)
    return Result = Outcome::OverBudget;

  // The table first: each reachable block's elements are classified once
  // (asking for callees' summaries), before any state is computed.
  PostOrderCFGView Order(Graph.get());
  for (const CFGBlock *Block : Order)
    Transfer.classify(*Block);

  In.assign(Blocks, FlowState());
  FlowState &Entry = In[Graph->getEntry().getBlockID()];
  Entry.Reached = true;
  Entry.Places.resize(Count);
  for (unsigned I = 0; I < Count; ++I)
    if (isa<ParmVarDecl>(Places.all()[I].Root)) {
      Entry.Places[I].Facts = MayOwn;
      Entry.Places[I].Acquired = Places.all()[I].Root->getLocation();
      // A lent lease holds the caller's lease, until it changes.
      if (Places.all()[I].Borrowed)
        Entry.Places[I].Origin = I;
    }
  // See the file comment: each change of an entry state queues a block
  // once.
  const std::uint64_t Limit =
      std::uint64_t(Blocks) *
          (MaxChangesPerPlace * Count + Places.flags() + 2) +
      MinVisits;
  std::uint64_t Visits = 0;
  ForwardDataflowWorklist Worklist(*Graph, &Order);
  Worklist.enqueueBlock(&Graph->getEntry());
  while (const CFGBlock *Block = Worklist.dequeue()) {
    if (++Visits > Limit)
      return Result = Outcome::Unsettled;
    processBlock(*Block, &Worklist, nullptr);
  }
  return Result = Outcome::Settled;
}

void FunctionFlow::processBlock(const CFGBlock &Block,
                                ForwardDataflowWorklist *Worklist,
                                ReportingSink *Sink) {
  FlowState State = In[Block.getBlockID()];
  if (!State.Reached)
    return;
  if (Sink)
    Sink->enterBlock(Block);
  Transfer.transferBlock(Block, State, Sink);

  // A branch on an emptiness test: empty on one side, owned on the other.
  std::optional<std::pair<unsigned, bool>> Branch;
  if (Block.succ_size() == 2)
    Branch = Transfer.emptinessTest(Block.getLastCondition(), State);
  const CFGBlock &Exit = Graph->getExit();
  unsigned Position = 0;
  for (const CFGBlock::AdjacentBlock &Successor : Block.succs()) {
    const CFGBlock *Next = Successor.getReachableBlock();
    const unsigned This = Position++;
    if (!Next)
      continue;
    FlowState Edge = State;
    if (Branch) {
      PlaceState &Place = Edge.Places[Branch->first];
      const bool EmptySide = (This == 0) == Branch->second;
      if (EmptySide)
        Place.Facts = 0;
      else
        Place.Facts =
            (Place.Facts & (MayOwn | Unknown)) ? std::uint8_t(MayOwn) : 0;
    }
    // A path through a call of a `noreturn` function never returns.
    const bool Returns = Next != &Exit || !Block.hasNoReturnElement();
    if (Sink) {
      if (Next == &Exit && Returns)
        Sink->leaveFunction(Block, Edge);
      continue;
    }
    if (In[Next->getBlockID()].join(Edge))
      Worklist->enqueueBlock(Next);
  }
}

namespace {

/// The index of the lent parameter that is place \p Origin, or -1.
int parameterIndex(const LeasePlaces &Places, int Origin) {
  if (Origin == NoOrigin)
    return -1;
  const LeasePlace &Place = Places.all()[Origin];
  const auto *Parameter = dyn_cast<ParmVarDecl>(Place.Root);
  return Parameter && Place.Borrowed ? int(Parameter->getFunctionScopeIndex())
                                     : -1;
}

/// Collects, from the edges that leave a function, what its lent
/// parameters may hold there, and whose lease; ignores findings.
class SummarySink : public ReportingSink {
public:
  SummarySink(const LeasePlaces &Places, CalleeSummary &Summary)
      : Places(Places), Summary(Summary),
        Seen(Summary.BorrowedExit.size(), false) {}

  /// Keeps only the trades: a parameter that holds its own lease is told
  /// by its facts.
  void finish() {
    for (unsigned Index = 0; Index < Summary.BorrowedFrom.size(); ++Index)
      if (Summary.BorrowedFrom[Index] == int(Index))
        Summary.BorrowedFrom[Index] = -1;
  }

  void usedAfterTransfer(unsigned, const PlaceState &,
                         SourceLocation) override {}
  void lost(unsigned, const PlaceState &, SourceLocation,
            const char *) override {}
  void enterBlock(const CFGBlock &) override {}
  void leaveFunction(const CFGBlock &, const FlowState &State) override {
    for (unsigned I = 0; I < State.Places.size(); ++I) {
      const LeasePlace &Place = Places.all()[I];
      const auto *Parameter = dyn_cast<ParmVarDecl>(Place.Root);
      if (!Parameter || !Place.Borrowed)
        continue;
      const unsigned Index = Parameter->getFunctionScopeIndex();
      if (Index >= Summary.BorrowedExit.size())
        continue;
      Summary.BorrowedExit[Index] |= State.Places[I].Facts;
      // Whose lease it holds: the same on every return, or none.
      const int From = parameterIndex(Places, State.Places[I].Origin);
      if (!Seen[Index])
        Summary.BorrowedFrom[Index] = From;
      else if (Summary.BorrowedFrom[Index] != From)
        Summary.BorrowedFrom[Index] = -1;
      Seen[Index] = true;
    }
  }

private:
  const LeasePlaces &Places;
  CalleeSummary &Summary;
  /// The parameters that some return has told about.
  std::vector<bool> Seen;
};

} // namespace

CalleeSummary FunctionFlow::summary() {
  CalleeSummary Summary;
  Summary.BorrowedExit.assign(Function->getNumParams(), 0);
  Summary.BorrowedFrom.assign(Function->getNumParams(), -1);
  if (Result == Outcome::OverBudget || Result == Outcome::Unsettled) {
    Summary.Skipped = true;
    return Summary;
  }
  if (Result != Outcome::Settled)
    return Summary;
  // What the caller gets back: what each lent parameter may hold on each
  // edge that leaves the function, from the blocks that have one.
  SummarySink Collector(Places, Summary);
  for (const CFGBlock::AdjacentBlock &Before : Graph->getExit().preds())
    if (const CFGBlock *Block = Before.getReachableBlock())
      processBlock(*Block, nullptr, &Collector);
  Collector.finish();
  return Summary;
}

void FunctionFlow::report(ReportingSink &Sink) {
  if (Result != Outcome::Settled)
    return;
  for (const CFGBlock *Block : *Graph)
    if (Block && In[Block->getBlockID()].Reached)
      processBlock(*Block, nullptr, &Sink);
}

} // namespace clang::tidy::leash::flow
