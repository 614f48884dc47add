//===--- LeaseFlowTransfer.h - What statements do to leases -----*- C++ -*-===//
///
/// \file
/// The transfer functions of the lease dataflow (LeaseFlow.h): what each
/// element of a CFG block does to the facts of LeaseFlowLattice.h.
///
/// Two steps. Before the dataflow runs, every element of every reachable
/// block is classified once into a Step (the table): a mention of a place
/// with its MentionKind, an assignment to a place, a `std::swap` or
/// `std::exchange` of places, an assignment of a local `bool`, a
/// declaration, the end of a variable's scope. Classifying a mention needs
/// only the AST (and, for a lease lent to a callee, the callee's summary,
/// CalleeSummaries.h), never the facts, so it is done once per function
/// instead of once per visit of its block. Then the transfer function
/// applies a block's steps to a state, switching on their kinds.
///
/// How a mention is classified, in one place (MentionClassifier in the
/// .cpp): by the role that its nearest parent, through parentheses,
/// implicit casts and temporaries, plays for it (ParentRole: one kind of
/// node, or one position in it, so at most one role applies and no order
/// among them matters):
///
/// - a member, `v.f`: Use (an emptiness test: NotAUse), moved or not;
/// - `return v`: Transfer;
/// - the left side of `=`, an argument that `std::swap` trades or the
///   target of `std::exchange`: NotAUse (their own steps); moved, as an
///   argument;
/// - the right side of `=`: as an argument; moved, Transfer into the
///   assignment;
/// - an argument of a call: for a lent lease, the callee's summary, else
///   Use; moved, Transfer into a `T &&` parameter or an unknown callee,
///   else Use;
/// - an argument of a constructor: Transfer by a move constructor or into a
///   `T &&` parameter, else Use, moved or not;
/// - `std::move(v)` or a cast to `T &&`: moved, by the role of the move's
///   own parent;
/// - anything else: Use.
///
/// A lent argument whose callee trades it with another lent argument is
/// NotAUse: the call's own CallTrade step applies the trade. Around that
/// table, classifyMention looks first at what only a whole variable can be
/// (captured by a lambda: what its body does; a struct or closure whose
/// non-const member or call may take its leases: Unknown), and a wrapper's
/// own members by their roles (a test: NotAUse; "clear": Emptied; "put":
/// Refilled; "swap": Unknown; "unwrap", `*w`, `w->`: the lease inside, by
/// the table).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWTRANSFER_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWTRANSFER_H

#include "LeaseFlowLattice.h"
#include "LeasePlaces.h"

#include "clang/AST/ASTContext.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <utility>
#include <vector>

namespace clang::tidy::leash::flow {

class CalleeSummaries;

/// How a mention of a place acts on it.
enum class MentionKind {
  /// An emptiness test, or the target of an assignment or a trade (its own
  /// step handles it).
  NotAUse,
  /// Anything that reads it and leaves it as it was.
  Use,
  /// Its ownership moves away here.
  Transfer,
  /// Its ownership moves away on some paths of a callee.
  MaybeTransfer,
  /// A callee or a lambda may take it; nothing is known afterwards.
  Unknown,
  /// A wrapper is emptied (`reset()`): a buffer it held is lost.
  Emptied,
  /// A wrapper gets a new lease (`emplace`): a buffer it held is lost.
  Refilled,
};

/// The standard functions that move leases between their arguments: the
/// transfer functions apply them themselves (a callee summary cannot say
/// that the arguments trade places).
enum class TradeKind {
  None,
  /// `std::swap(a, b)`: each gets what the other held.
  Swap,
  /// `std::exchange(a, v)`: `a` gets `v`, the call returns what `a` held.
  Exchange,
};

/// Where a mention acts, and for a transfer, what takes the lease over.
struct MentionSite {
  /// Where the transfer (or other action) happens, for the notes.
  SourceLocation At;
  /// The constructor call or assignment that a transfer moves the lease
  /// into, if any: when it initializes or assigns another place, that place
  /// gets what this one held (nothing, if it was empty).
  const Expr *Receiver = nullptr;
};

/// One classified element of a block: an entry of the table.
struct Step {
  enum KindType {
    /// A variable's mention that names places (a DeclRefExpr).
    Mention,
    /// `place = value` (an overloaded `operator=`).
    Assignment,
    /// `std::swap(a, b)` or `std::exchange(a, v)`.
    Trade,
    /// A call of a callee whose summary trades leases between its lent
    /// parameters (CalleeSummary::BorrowedFrom).
    CallTrade,
    /// `flag = ...` of a variable (a built-in assignment).
    FlagAssignment,
    /// A declaration statement.
    Declaration,
    /// The end of a variable's scope.
    ScopeEnd,
  };
  KindType Kind = Mention;
  /// The statement (for ScopeEnd, what ends the scope; may be null).
  const Stmt *S = nullptr;
  /// ScopeEnd: the variable whose scope ends.
  const VarDecl *Var = nullptr;
  /// Mention: what it names; Assignment: the target; Trade: the first
  /// argument.
  std::optional<NamedPlaces> Named;
  /// Trade: the second argument.
  std::optional<NamedPlaces> Second;
  /// Mention: what it does, and where.
  MentionKind What = MentionKind::Use;
  MentionSite Site;
  /// Mention of a whole closure: whether this mention calls it.
  bool CallsClosure = false;
  /// Trade: which.
  TradeKind How = TradeKind::None;

  /// CallTrade: one lent argument that takes part in the trade.
  struct Lent {
    /// The place it is (none when it is not exactly one tracked place).
    std::optional<unsigned> Place;
    /// The entry of Lents whose lease, as it was before the call, it gets;
    /// -1 when what it is left with is told by What (the callee's facts),
    /// -2 when it gets a lease that no tracked argument held (unknown).
    int From = -1;
    MentionKind What = MentionKind::Use;
    MentionSite Site;
  };
  /// CallTrade: the lent arguments that take part.
  std::vector<Lent> Lents;
};

/// Receives what the transfer functions find on the reporting pass (the
/// fixpoint passes have none).
class FindingSink {
public:
  virtual ~FindingSink() = default;
  /// Place \p Index, in state \p Place, is used at \p Where while it may
  /// have been transferred.
  virtual void usedAfterTransfer(unsigned Index, const PlaceState &Place,
                                 SourceLocation Where) = 0;
  /// Place \p Index, in state \p Place, may own its buffer where that
  /// buffer is lost (\p How says why).
  virtual void lost(unsigned Index, const PlaceState &Place,
                    SourceLocation Where, const char *How) = 0;
};

/// The transfer functions of one function: its table of steps, and how to
/// apply them.
class LeaseTransfer {
public:
  LeaseTransfer(const LeasePlaces &Places, ASTContext &Context,
                CalleeSummaries &Summaries)
      : Places(Places), Context(Context), Summaries(Summaries) {}

  /// Classifies the elements of \p Block into its steps (once per block).
  void classify(const CFGBlock &Block);

  /// Applies the steps of \p Block to \p State; findings go to \p Sink on
  /// the reporting pass (null otherwise).
  void transferBlock(const CFGBlock &Block, FlowState &State,
                     FindingSink *Sink);

  /// The emptiness test that \p Condition is in \p State, if any: the
  /// place, and whether true means empty.
  std::optional<std::pair<unsigned, bool>>
  emptinessTest(const Expr *Condition, const FlowState &State) const;

private:
  /// What an emptiness test looks like, before the state is known: a place
  /// tested by a member, or a flag that may mirror one.
  struct TestShape {
    bool IsTest = false;
    /// The flag read, if the condition is a flag.
    const ValueDecl *Flag = nullptr;
    unsigned Place = 0;
    bool TrueIsEmpty = true;
  };
  const TestShape &shapeOf(const Expr *Condition) const;

  /// The step of one element, if it acts on places.
  std::optional<Step> classifyElement(const CFGElement &Element) const;

  void apply(FlowState &State, unsigned Index, MentionKind What,
             const MentionSite &Site, SourceLocation UseLocation,
             FindingSink *Sink);
  void transferMention(const Step &Mention, FlowState &State,
                       FindingSink *Sink);
  void transferScopeEnd(const Step &End, FlowState &State, FindingSink *Sink);
  void transferFlagAssignment(const BinaryOperator *Assignment,
                              FlowState &State);
  void transferDeclaration(const DeclStmt *Declaration, FlowState &State);
  void transferAssignment(const Step &Assignment, FlowState &State,
                          FindingSink *Sink);
  void transferTrade(const Step &Trade, FlowState &State);
  void transferCallTrade(const Step &Call, FlowState &State, FindingSink *Sink);
  /// The step of \p Call, when its callee trades leases between its lent
  /// parameters.
  std::optional<Step> classifyCallTrade(const CallExpr *Call) const;

  /// What a transfer hands to the place it initializes or assigns.
  struct Handoff {
    /// The facts the source held (MayOwn and Unknown only).
    std::uint8_t Facts = 0;
    /// The source's origin.
    int Origin = NoOrigin;
  };
  /// What the place initialized or assigned by \p Receiver gets from the
  /// transfer into it in this block, if it is one.
  std::optional<Handoff> handedTo(const Expr *Receiver) const;

  const LeasePlaces &Places;
  ASTContext &Context;
  CalleeSummaries &Summaries;
  /// The table: the steps of each classified block, by block id.
  std::vector<std::vector<Step>> Steps;
  /// The shapes of the conditions seen so far.
  mutable llvm::DenseMap<const Expr *, TestShape> Shapes;
  /// The block being applied.
  const CFGBlock *Current = nullptr;
  /// What the transfers of the current block handed to their receivers
  /// (MentionSite::Receiver): the facts their sources held.
  llvm::DenseMap<const Expr *, Handoff> Handed;
};

} // namespace clang::tidy::leash::flow

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWTRANSFER_H
