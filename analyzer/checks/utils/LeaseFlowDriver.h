//===--- LeaseFlowDriver.h - The lease dataflow to its fixpoint -*- C++ -*-===//
///
/// \file
/// The driver of the lease dataflow (LeaseFlow.h): builds a function's CFG,
/// classifies its blocks (LeaseFlowTransfer.h), and runs a worklist over the
/// blocks in reverse post-order, each block queued at most once at a time,
/// until the entry states (LeaseFlowLattice.h) stop changing. The results
/// are read afterwards from the fixpoint, each on its own: the summary of
/// what the function does to the leases lent to it (CalleeSummaries.h), and
/// the findings (a reporting pass that applies each block once more).
///
/// Cost: the CFG has B blocks, the function V places and F local `bool`s.
/// Each block's entry state changes at most MaxChangesPerPlace times per
/// place and once per flag, and each change queues the block's successors
/// once; so the visits are bounded by B * (6V + F + 2) + MinVisits, each in
/// time proportional to the block's steps and V. The driver gives up (the
/// function is skipped) when B * V exceeds the budget, or when the visits
/// exceed that bound (a safety net: a transfer that is not monotone).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWDRIVER_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWDRIVER_H

#include "CalleeSummaries.h"
#include "LeaseFlowLattice.h"
#include "LeaseFlowTransfer.h"
#include "LeasePlaces.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "clang/Analysis/CFG.h"

#include <memory>
#include <vector>

namespace clang {
struct ForwardDataflowWorklist;
} // namespace clang

namespace clang::tidy::leash::flow {

/// What the reporting pass is told besides the transfer functions' findings.
class ReportingSink : public FindingSink {
public:
  /// The pass is about to apply \p Block.
  virtual void enterBlock(const CFGBlock &Block) = 0;
  /// An edge from \p Block leaves the function with \p State (a call of a
  /// `noreturn` function does not).
  virtual void leaveFunction(const CFGBlock &Block, const FlowState &State) = 0;
};

/// The dataflow of one function.
class FunctionFlow {
public:
  /// The lowest bound on block visits, for the smallest functions.
  static constexpr unsigned MinVisits = 16;

  /// How the dataflow ended.
  enum class Outcome {
    /// Nothing to track (no places, no CFG): no findings, an empty summary.
    Nothing,
    /// B * V exceeds the budget: not run.
    OverBudget,
    /// The visits exceeded their bound.
    Unsettled,
    /// The fixpoint is reached.
    Settled,
  };

  FunctionFlow(const FunctionDecl *Function, ASTContext &Context,
               unsigned Budget, CalleeSummaries &Summaries);

  /// Runs the dataflow to its fixpoint.
  Outcome run();

  /// The summary of the function, read from the fixpoint (run() first):
  /// the blocks that leave the function are applied once more, on their
  /// own, without reporting.
  CalleeSummary summary();

  /// The reporting pass over the fixpoint (run() first, Settled).
  void report(ReportingSink &Sink);

  const LeasePlaces &places() const { return Places; }
  const CFG &graph() const { return *Graph; }
  unsigned blocks() const { return Blocks; }

private:
  /// Applies \p Block to its entry state; on the fixpoint passes (a
  /// \p Worklist, no \p Sink) joins the result into its successors' entry
  /// states and queues those that changed; on the reporting pass (a
  /// \p Sink), reports.
  void processBlock(const CFGBlock &Block, ForwardDataflowWorklist *Worklist,
                    ReportingSink *Sink);

  const FunctionDecl *Function;
  ASTContext &Context;
  const unsigned Budget;
  LeasePlaces Places;
  LeaseTransfer Transfer;
  std::unique_ptr<CFG> Graph;
  unsigned Blocks = 0;
  Outcome Result = Outcome::Nothing;
  /// The entry state of each block, by block id.
  std::vector<FlowState> In;
};

} // namespace clang::tidy::leash::flow

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWDRIVER_H
