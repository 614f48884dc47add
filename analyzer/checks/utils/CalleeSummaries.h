//===--- CalleeSummaries.h - What a callee does to lent leases --*- C++ -*-===//
///
/// \file
/// The summaries that the lease dataflow (LeaseFlow.h) applies where a
/// lease is lent to a callee through a non-const lvalue reference
/// parameter: for each such parameter, the facts (LeaseFlowLattice.h) it
/// may hold when the callee returns.
///
/// A summary is computed on its own: the callee's dataflow runs to its
/// fixpoint and the summary is read from the state at the callee's exit;
/// the callee's findings are not computed for it (they are reported when a
/// check reaches the callee). An analysis for findings records its
/// function's summary too, so a callee analysed first is not run twice.
///
/// Recursion: a function whose summary is being computed (or whose
/// analysis is running) has none, and a call of it is unknown; summaries
/// nest at most MaxSummaryDepth deep, and a call past that is unknown too.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_CALLEESUMMARIES_H
#define LEASH_ANALYZER_CHECKS_UTILS_CALLEESUMMARIES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>
#include <memory>
#include <vector>

namespace clang::tidy::leash::flow {

/// What a function does to the leases lent to it.
struct CalleeSummary {
  /// The function was not analysed (over the budget, or its dataflow did
  /// not settle): nothing is known of what it does.
  bool Skipped = false;
  /// For each parameter, when it is a lease lent by non-const lvalue
  /// reference: the facts it may hold when the function returns. 0 for the
  /// other parameters.
  std::vector<std::uint8_t> BorrowedExit;
  /// For each parameter, when it is a lent lease that holds, on every
  /// return, exactly the lease that another lent parameter held when the
  /// call began (the callee trades them): that parameter's index. -1 for
  /// the others (BorrowedExit says what they hold).
  std::vector<int> BorrowedFrom;

  /// Whether the callee trades leases between its lent parameters.
  bool trades() const;
  /// Whether lent parameter \p Index takes part in a trade (it gets another
  /// one's lease, or another gets its lease).
  bool tradesParameter(unsigned Index) const;
};

/// The summaries of a translation unit's functions, computed on demand and
/// cached.
class CalleeSummaries {
public:
  /// How deep summaries of callees may nest (a callee's summary asking for
  /// its own callees' summaries): deep enough for layered drivers, and a
  /// bound on the stack.
  static constexpr unsigned MaxSummaryDepth = 8;

  /// \p Budget bounds each callee's dataflow as it bounds the analyses
  /// (LeaseFlowCache).
  CalleeSummaries(ASTContext &Context, unsigned Budget)
      : Context(Context), Budget(Budget) {}

  /// The summary of \p Function (a definition that is a lease-flow
  /// candidate); null while it is being computed or analysed (a recursive
  /// call) or when summaries are nested deeper than MaxSummaryDepth.
  const CalleeSummary *of(const FunctionDecl *Function);

  /// Marks \p Function as being analysed for findings, so that a recursive
  /// call has no summary; returns whether its summary is still to be
  /// recorded (it was never asked for).
  bool beginAnalysis(const FunctionDecl *Function);
  /// Ends what beginAnalysis began: records \p Summary when asked to.
  void endAnalysis(const FunctionDecl *Function, bool Record,
                   CalleeSummary Summary);

private:
  struct Entry {
    CalleeSummary Summary;
    bool InProgress = false;
  };

  ASTContext &Context;
  const unsigned Budget;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<Entry>> Entries;
  unsigned Depth = 0;
};

} // namespace clang::tidy::leash::flow

#endif // LEASH_ANALYZER_CHECKS_UTILS_CALLEESUMMARIES_H
