//===--- LeaseFlow.h - Who owns each lease, path by path --------*- C++ -*-===//
///
/// \file
/// The flow-sensitive analysis behind leash-lease-use-after-transfer and
/// leash-lease-dropped: one forward dataflow over one clang CFG per
/// function, computed once and shared by both checks.
///
/// Sharing: the analysis of a function is cached in a LeaseFlowCache, one
/// per ASTContext (per translation unit) and per thread, keyed by the
/// FunctionDecl. Whichever of the two checks reaches a function first
/// builds the CFG and runs the dataflow; the other reads the cached
/// findings. Each check calls LeaseFlowCache::release in its
/// onEndOfTranslationUnit (all matching of the translation unit is over by
/// then; releasing twice is harmless).
///
/// What is tracked: the places of a function (LeasePlaces.h) — local
/// variables and parameters taken by value or by rvalue reference that are
/// leases, `std::optional`-like wrappers of leases, or structs with such
/// fields — and the leases lent to it through non-const lvalue reference
/// parameters. Each place has a typestate, a set of the facts "may own a
/// buffer", "may have been transferred" and "unknown", joined by union at
/// merges (owned, transferred, maybe-transferred, unknown, or empty when
/// it holds none):
///
/// - a parameter starts owned; a place declared with a value (the result
///   of `take()`, of a call returning a lease, a brace list that fills the
///   field) is owned, and one initialized or assigned by a move from
///   another place holds what that place held; a default-constructed one,
///   `std::nullopt` or a brace list without the field is empty;
/// - a transfer (`std::move(v)` or an implicit move into a by-value or
///   rvalue-reference parameter, a lease or wrapper being constructed,
///   also by a converting constructor or as a field of a brace list, or
///   assigned, a `return`; moving a struct moves its leases; `std::move(*w)`
///   moves the lease out of a wrapper) makes it transferred;
/// - lending it to a non-const lvalue reference parameter of a callee
///   whose body is in the translation unit applies the callee's summary:
///   what that parameter holds when the callee returns (transferred, maybe
///   transferred, or still owned), or, for a callee that trades leases
///   between its lent parameters, the lease that another argument held
///   before the call. A callee without a body is assumed to
///   give it back. A struct lent whole, a non-const member call on a
///   struct, and a capture by reference in a lambda that does more than
///   read it make it unknown (nothing is reported until it is checked or
///   reassigned);
/// - assigning it a new lease (`=`, or a wrapper's member with the role
///   "put": `emplace`) makes it owned again; a wrapper's "clear" member
///   (`reset()`) or `= std::nullopt` empties a wrapper;
/// - a branch on an emptiness test (a member with the role "test_empty" or
///   "test_full": `v.is_empty()`, `w.has_value()`, `w` converted to bool,
///   possibly negated, inside `&&`/`||`, or a local `bool` that holds such
///   a test and has not changed since) makes it
///   empty on the empty side and owned on the other; the test itself is
///   not a use;
/// - any other mention of it is a use.
///
/// Findings: a use while it may be transferred (use after transfer, notes
/// at the branch that leads to a conditional transfer and at the transfer;
/// only the first use is reported, the place is unknown after it); scope
/// exit (the end of its block, a `return`, `break`, `continue` or `goto`
/// leaving it; for a parameter, the function's end) or an assignment,
/// `emplace` or `reset` while it may own a buffer (dropped, notes where it
/// got the buffer and at the branch that leads there). A lent parameter is not
/// dropped at the function's end: it goes back to the caller. Paths
/// through a call of a `noreturn` function report nothing.
///
/// Parts: the lattice (LeaseFlowLattice.h: the facts and their join), the
/// transfer functions (LeaseFlowTransfer.h: each element of a block
/// classified once into a table of steps, and what each kind of step does),
/// the driver (LeaseFlowDriver.h: a worklist in reverse post-order to the
/// fixpoint, then the summary and the reporting pass, each on its own), and
/// the callees' summaries (CalleeSummaries.h). This file holds the findings'
/// messages and the cache that the checks share.
///
/// Cost: the CFG has B blocks, the function V places and F local `bool`s;
/// the driver visits at most B * (6V + F + 2) + 16 blocks, each in time
/// proportional to its steps and V. A callee's summary is computed once
/// per translation unit (nested at most CalleeSummaries::MaxSummaryDepth
/// deep; a recursive call is unknown). The analysis gives up on a function
/// (and reports nothing there) when B * V exceeds the budget (the global
/// option LeaseFlowBudget, default 200000, one value for both checks), or
/// the visits exceed their bound; leash-lease-dropped reports each
/// function it skipped as a remark (a note of `leash check --verbose`), or
/// as a warning with its option ReportSkippedFunctions.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOW_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOW_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leash {

namespace flow {
class CalleeSummaries;
} // namespace flow

/// One finding of the lease dataflow, with its path notes.
struct LeaseFlowFinding {
  enum RuleKind {
    /// leash-lease-use-after-transfer.
    UseAfterTransfer,
    /// leash-lease-dropped.
    Dropped,
  };
  RuleKind Rule = UseAfterTransfer;
  /// Where the warning goes.
  SourceLocation Location;
  /// The full warning text (without the rule id).
  std::string Message;
  /// The notes: where, and what.
  llvm::SmallVector<std::pair<SourceLocation, std::string>, 2> Notes;
};

/// What the analysis found in one function.
struct LeaseFlowResult {
  std::vector<LeaseFlowFinding> Findings;
  /// The function was not analysed: too large for the budget, or (a
  /// safety net that the bound on visits should never need) its dataflow
  /// did not settle within that bound.
  bool Skipped = false;
  /// Skipped because its blocks times places exceed the budget.
  bool OverBudget = false;
  /// Its CFG's blocks and tracked places (when Skipped, why).
  unsigned Blocks = 0;
  unsigned Variables = 0;
};

/// Whether the lease dataflow looks at \p Function: a definition with a
/// body, written by the user (not implicit or defaulted), not a template
/// pattern (its instantiations are analysed), and not a member of the
/// vocabulary's own LEASH_LEASE or LEASH_CELL classes, which implement
/// ownership rather than follow it.
bool isLeaseFlowCandidate(const FunctionDecl *Function);

/// The set of places and messages a check has reported in one translation
/// unit, so that a function analysed twice (a template pattern and its
/// instantiations share locations) is reported once.
using ReportedFindings = std::set<std::pair<unsigned, std::string>>;

/// Reports through \p Check, with their notes, the findings of \p Flow that
/// belong to \p Rule and are not in \p Reported yet.
void reportLeaseFlowFindings(ClangTidyCheck &Check, const LeaseFlowResult &Flow,
                             LeaseFlowFinding::RuleKind Rule,
                             const SourceManager &Sources,
                             ReportedFindings &Reported);

/// The lease-flow budget: the global option LeaseFlowBudget (a check-local
/// key is not read), so that both flow checks, which share one cache, use
/// the same value. Reported through \p Context when it is not a number.
unsigned leaseFlowBudget(ClangTidyContext &Context);

/// Writes the lease-flow budget \p Budget to \p Options under its global key
/// (for `--dump-config`).
void storeLeaseFlowBudget(ClangTidyOptions::OptionMap &Options,
                          unsigned Budget);

/// The analyses of a translation unit's functions, computed on demand and
/// cached (see the file comment).
class LeaseFlowCache {
public:
  /// The global option that sets the budget, and its default.
  static constexpr llvm::StringLiteral BudgetOption = "LeaseFlowBudget";
  static constexpr unsigned DefaultBudget = 200000;

  /// The cache of \p Context on this thread; \p Budget (leaseFlowBudget)
  /// bounds its analyses.
  static LeaseFlowCache &of(ASTContext &Context, unsigned Budget);
  /// Forgets the cache of \p Context (its AST is about to go).
  static void release(ASTContext &Context);

  /// The analysis of \p Function, which has a body and is not a template;
  /// skipped if its blocks times tracked variables exceed the budget.
  const LeaseFlowResult &analyze(const FunctionDecl *Function);

  LeaseFlowCache(ASTContext &Context, unsigned Budget);
  ~LeaseFlowCache();

private:
  ASTContext &Context;
  const unsigned Budget;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<LeaseFlowResult>>
      Results;
  std::unique_ptr<flow::CalleeSummaries> Summaries;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOW_H
