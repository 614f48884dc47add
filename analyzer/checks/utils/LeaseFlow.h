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
/// What is tracked: local variables (not static, not references) and
/// parameters taken by value or by rvalue reference whose type is a lease
/// (LEASH_LEASE). Each has a typestate, a set of the facts "may own a
/// buffer" and "may have been transferred" (owned, transferred,
/// maybe-transferred, or empty when it holds neither), joined by union at
/// merges:
///
/// - a parameter starts owned; a local declared with a value (the result of
///   `take()`, of a call returning a lease, a move from another lease) is
///   owned; a default-constructed one is empty;
/// - a transfer (`std::move(v)` or an implicit move into a by-value or
///   rvalue-reference parameter, a lease being constructed or assigned, or
///   a `return`) makes it transferred;
/// - assigning it a new lease makes it owned again;
/// - a branch on `v.is_empty()` (possibly negated, inside `&&`/`||`) makes
///   it empty on the true side and owned on the false side; `is_empty()`
///   itself is not a use;
/// - any other mention of it is a use.
///
/// Findings: a use while it may be transferred (use after transfer, note at
/// the transfer); scope exit (the end of its block, a `return`, `break`,
/// `continue` or `goto` leaving it; for a parameter, the function's end)
/// or an assignment while it may own a buffer (dropped, note where it got
/// the buffer). Paths through a call of a `noreturn` function report
/// nothing.
///
/// Cost: the CFG has B blocks and the function V tracked variables; each
/// variable's state can only grow (two bits), so the worklist visits at
/// most B * (2V + 1) blocks, each in time proportional to its statements
/// and V. The analysis gives up on a function (and reports nothing there)
/// when B * V exceeds the budget (option LeaseFlowBudget, default 200000),
/// or the visits exceed B * (2V + 2) + 16; leash-lease-dropped can report
/// the functions it skipped.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOW_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOW_H

#include "clang-tidy/ClangTidyCheck.h"
#include "clang/AST/ASTContext.h"
#include "clang/AST/Decl.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace clang::tidy::leash {

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
  /// The function was too large for the budget and was not analysed.
  bool Skipped = false;
  /// Its CFG's blocks and tracked variables (when Skipped, why).
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

/// The analyses of a translation unit's functions, computed on demand and
/// cached (see the file comment).
class LeaseFlowCache {
public:
  /// The cache of \p Context on this thread.
  static LeaseFlowCache &of(ASTContext &Context);
  /// Forgets the cache of \p Context (its AST is about to go).
  static void release(ASTContext &Context);

  /// The analysis of \p Function, which has a body and is not a template;
  /// skipped if its blocks times tracked variables exceed \p Budget. The
  /// first caller's budget decides (both checks read the same option).
  const LeaseFlowResult &analyze(const FunctionDecl *Function, unsigned Budget);

  /// The option that sets the budget, and its default.
  static constexpr llvm::StringLiteral BudgetOption = "LeaseFlowBudget";
  static constexpr unsigned DefaultBudget = 200000;

  explicit LeaseFlowCache(ASTContext &Context) : Context(Context) {}

private:
  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, std::unique_ptr<LeaseFlowResult>>
      Results;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOW_H
