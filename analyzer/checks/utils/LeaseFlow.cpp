//===--- LeaseFlow.cpp - Who owns each lease, path by path ----------------===//

#include "LeaseFlow.h"
#include "LeasePlaces.h"
#include "LeaseVocabulary.h"
#include "MemberRoles.h"
#include "Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/STLExtras.h"

#include <deque>
#include <set>
#include <tuple>

namespace clang::tidy::leash {

namespace {

/// The facts a place's typestate is made of.
enum Fact : std::uint8_t {
  /// It may own a buffer.
  MayOwn = 1,
  /// It may have been transferred away (moved from).
  MayMoved = 2,
  /// A callee or a lambda may have taken it: nothing is known until it is
  /// checked for emptiness or assigned.
  Unknown = 4,
};

/// The typestate of one place at one point.
struct PlaceState {
  std::uint8_t Facts = 0;
  /// A transfer that may have happened, and its block (for the notes).
  SourceLocation Transfer;
  const CFGBlock *TransferBlock = nullptr;
  /// Where it got the buffer it may own (for the note).
  SourceLocation Acquired;
};

/// A local `bool` that holds the answer of an emptiness test of a place
/// (`const bool empty = buffer.is_empty();`), valid until either changes.
struct Mirror {
  const VarDecl *Flag = nullptr;
  unsigned Place = 0;
  /// Whether the flag is true when the place is empty.
  bool TrueIsEmpty = true;

  bool operator==(const Mirror &Other) const {
    return Flag == Other.Flag && Place == Other.Place &&
           TrueIsEmpty == Other.TrueIsEmpty;
  }
};

/// The typestate of every place; empty until a path reaches it.
struct FlowState {
  bool Reached = false;
  llvm::SmallVector<PlaceState, 4> Places;
  llvm::SmallVector<Mirror, 0> Mirrors;

  /// Joins \p Other in (facts by union, mirrors by intersection); returns
  /// whether this changed.
  bool join(const FlowState &Other) {
    if (!Other.Reached)
      return false;
    if (!Reached) {
      *this = Other;
      return true;
    }
    bool Changed = false;
    for (unsigned I = 0; I < Places.size(); ++I) {
      PlaceState &Mine = Places[I];
      const PlaceState &Theirs = Other.Places[I];
      std::uint8_t Facts = Mine.Facts | Theirs.Facts;
      if (Facts != Mine.Facts) {
        Mine.Facts = Facts;
        Changed = true;
      }
      if (Mine.Transfer.isInvalid() && Theirs.Transfer.isValid()) {
        Mine.Transfer = Theirs.Transfer;
        Mine.TransferBlock = Theirs.TransferBlock;
        Changed = true;
      }
      if (Mine.Acquired.isInvalid() && Theirs.Acquired.isValid()) {
        Mine.Acquired = Theirs.Acquired;
        Changed = true;
      }
    }
    const size_t Before = Mirrors.size();
    llvm::erase_if(Mirrors, [&](const Mirror &M) {
      return !llvm::is_contained(Other.Mirrors, M);
    });
    return Changed || Mirrors.size() != Before;
  }

  /// Forgets the flags that mirror place \p Place.
  void forgetMirrorsOf(unsigned Place) {
    llvm::erase_if(Mirrors, [&](const Mirror &M) { return M.Place == Place; });
  }
};

/// How a mention of a place acts on it.
enum class Mention {
  /// An emptiness test, or the target of an assignment (handled there).
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

/// Where a mention acts, and for a transfer, what takes the lease over.
struct MentionSite {
  /// Where the transfer (or other action) happens, for the notes.
  SourceLocation At;
  /// The constructor call or assignment that a transfer moves the lease
  /// into, if any: when it initializes or assigns another place, that place
  /// gets what this one held (nothing, if it was empty).
  const Expr *Receiver = nullptr;
};

/// Whether \p E is `std::move(x)`-like: a call with one argument that
/// returns an rvalue reference, or a cast to an rvalue reference.
bool isMoveExpression(const Expr *E) {
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Call->getNumArgs() == 1 &&
           Callee->getReturnType()->isRValueReferenceType();
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Cast->getTypeAsWritten()->isRValueReferenceType();
  return false;
}

/// \p Node if it is a unary `*` or `->` (on a wrapper: its lease).
const CXXOperatorCallExpr *asDereference(const DynTypedNode &Node) {
  const auto *Operator = Node.get<CXXOperatorCallExpr>();
  return Operator && Operator->getNumArgs() == 1 &&
                 (Operator->getOperator() == OO_Star ||
                  Operator->getOperator() == OO_Arrow)
             ? Operator
             : nullptr;
}

/// Whether \p Node reaches into a wrapper for its lease: a member with the
/// role "unwrap" (`.value`, the member before its call), unary `*` or `->`.
bool isUnwrapping(const DynTypedNode &Node) {
  if (const auto *Member = Node.get<MemberExpr>())
    return hasRole(dyn_cast<CXXMethodDecl>(Member->getMemberDecl()),
                   MemberRole::Unwrap);
  return asDereference(Node) != nullptr;
}

/// The standard functions that move leases between their arguments: the
/// analysis applies them itself (a callee summary cannot say that the
/// arguments trade places).
enum class Trade {
  None,
  /// `std::swap(a, b)`: each gets what the other held.
  Swap,
  /// `std::exchange(a, v)`: `a` gets `v`, the call returns what `a` held.
  Exchange,
};

Trade tradeOf(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || isa<CXXMethodDecl>(Callee) || !Callee->isInStdNamespace() ||
      !Callee->getIdentifier() || Call->getNumArgs() != 2)
    return Trade::None;
  if (Callee->getName() == "swap")
    return Trade::Swap;
  if (Callee->getName() == "exchange")
    return Trade::Exchange;
  return Trade::None;
}

/// The parameter of \p Call that its argument \p Argument binds, if any.
const ParmVarDecl *parameterFor(const CallExpr *Call, const Expr *Argument) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return nullptr;
  const unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
  for (unsigned I = Offset; I < Call->getNumArgs(); ++I)
    if (Call->getArg(I) == Argument && I - Offset < Callee->getNumParams())
      return Callee->getParamDecl(I - Offset);
  return nullptr;
}

/// The parameter of the constructor that \p Construct calls that its
/// argument \p Argument binds, if any.
const ParmVarDecl *parameterFor(const CXXConstructExpr *Construct,
                                const Expr *Argument) {
  const CXXConstructorDecl *Constructor = Construct->getConstructor();
  if (!Constructor)
    return nullptr;
  for (unsigned I = 0; I < Construct->getNumArgs(); ++I)
    if (Construct->getArg(I) == Argument && I < Constructor->getNumParams())
      return Constructor->getParamDecl(I);
  return nullptr;
}

/// The analysis of one function.
class FunctionFlow {
public:
  FunctionFlow(const FunctionDecl *Function, ASTContext &Context,
               LeaseFlowResult &Result, unsigned Budget, LeaseFlowCache &Cache)
      : Function(Function), Context(Context), Result(Result), Budget(Budget),
        Cache(Cache), Places(Function, Context) {}

  void run();

private:
  /// What a mention of a lease's value (a lease place, the lease inside a
  /// wrapper, or a whole struct) does, from its parent.
  Mention classifyValue(const Expr *E, MentionSite &Site) const;
  /// What a mention of a wrapper place does.
  Mention classifyWrapper(const Expr *E, MentionSite &Site) const;
  /// What passing \p Argument to \p Call without moving it does: a
  /// non-const lvalue reference parameter may take it (the callee's
  /// summary says how).
  Mention classifyBorrow(const CallExpr *Call, const Expr *Argument) const;
  /// What capturing a place by reference in \p Lambda does.
  Mention classifyCapture(const LambdaExpr *Lambda, const VarDecl *Var) const;
  /// Whether \p Named, a closure's captured places, is the closure being
  /// called (`send()`).
  bool callsClosure(const NamedPlaces &Named) const;
  /// What the mention \p Reference does to the places it names.
  Mention classifyMention(const NamedPlaces &Named,
                          const DeclRefExpr *Reference,
                          MentionSite &Site) const;
  /// The emptiness test \p Condition is, if any: the place, and whether
  /// true means empty.
  std::optional<std::pair<unsigned, bool>>
  emptinessTest(const Expr *Condition, const FlowState &State) const;

  /// Applies \p Element to \p State; reports when \p Report.
  void transfer(const CFGElement &Element, FlowState &State, bool Report);
  void transferStatement(const Stmt *S, FlowState &State, bool Report);
  void transferDeclaration(const DeclStmt *Declaration, FlowState &State);
  void transferAssignment(const CXXOperatorCallExpr *Assignment,
                          FlowState &State, bool Report);
  /// Applies `std::swap` or `std::exchange` (\p How) of places.
  void transferTrade(const CallExpr *Call, Trade How, FlowState &State);
  /// Applies mention \p What at \p Site to place \p Index.
  void apply(FlowState &State, unsigned Index, Mention What,
             const MentionSite &Site, SourceLocation UseLocation, bool Report);
  /// What the place initialized or assigned by \p Receiver gets from the
  /// transfer into it in this block, if it is one.
  std::optional<std::uint8_t> handedTo(const Expr *Receiver) const;
  /// Adds a finding (its notes come after); null if the same was reported
  /// here before.
  LeaseFlowFinding *addFinding(LeaseFlowFinding::RuleKind Rule,
                               SourceLocation Where, std::string Message);
  /// Adds to \p Finding a note at the branch condition that leads into
  /// \p Block, if the path into it has one within a few blocks.
  void noteBranchInto(LeaseFlowFinding &Finding, const CFGBlock *Block);
  /// Adds to \p Finding a note at \p Condition, taken on its \p TrueSide.
  static void noteCondition(LeaseFlowFinding &Finding, const Stmt *Condition,
                            bool TrueSide);
  /// Reports a use of a place that may have been transferred.
  void reportUse(unsigned Index, const PlaceState &Place, SourceLocation Where);
  /// Reports a place that may own its buffer where it stops existing.
  void reportLost(unsigned Index, const PlaceState &Place, SourceLocation Where,
                  const char *How);
  /// Applies a whole block and hands its state to its successors.
  void processBlock(const CFGBlock &Block, bool Report);
  /// What happens to parameters when \p Block leaves the function.
  void leaveFunction(const CFGBlock &Block, const FlowState &State);
  /// The name of place \p Index.
  const std::string &name(unsigned Index) const {
    return Places.all()[Index].Name;
  }

  const FunctionDecl *Function;
  ASTContext &Context;
  LeaseFlowResult &Result;
  const unsigned Budget;
  LeaseFlowCache &Cache;
  LeasePlaces Places;
  std::unique_ptr<CFG> Graph;
  std::vector<FlowState> In;
  std::deque<const CFGBlock *> Worklist;
  /// The block being analysed or reported on.
  const CFGBlock *Current = nullptr;
  /// What the transfers of the current block handed to their receivers
  /// (MentionSite::Receiver): the facts their sources held.
  llvm::DenseMap<const Expr *, std::uint8_t> Handed;
  std::set<std::tuple<int, unsigned, std::string>> Reported;
};

void FunctionFlow::run() {
  const Stmt *Body = Function->getBody();
  if (!Body)
    return;
  Result.BorrowedExit.assign(Function->getNumParams(), 0);
  const unsigned Count = Places.all().size();
  if (Count == 0)
    return;

  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(Function, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return;
  const std::uint64_t Blocks = Graph->getNumBlockIDs();
  Result.Blocks = Blocks;
  Result.Variables = Count;
  if (Blocks * Count > Budget) {
    Result.Skipped = true;
    Result.OverBudget = true;
    return;
  }

  In.assign(Blocks, FlowState());
  FlowState &Entry = In[Graph->getEntry().getBlockID()];
  Entry.Reached = true;
  Entry.Places.resize(Count);
  for (unsigned I = 0; I < Count; ++I)
    if (isa<ParmVarDecl>(Places.all()[I].Root)) {
      Entry.Places[I].Facts = MayOwn;
      Entry.Places[I].Acquired = Places.all()[I].Root->getLocation();
    }
  // Each block's entry state changes at most 5 times per place (three
  // facts, two locations) and once per flag that can mirror a place.
  const std::uint64_t Limit = Blocks * (5 * Count + Places.flags() + 2) + 16;
  std::uint64_t Visits = 0;
  Worklist.push_back(&Graph->getEntry());
  while (!Worklist.empty()) {
    if (++Visits > Limit) {
      Result.Skipped = true;
      return;
    }
    const CFGBlock *Block = Worklist.front();
    Worklist.pop_front();
    processBlock(*Block, /*Report=*/false);
  }
  // The fixpoint is reached: one more pass over every block reports.
  for (const CFGBlock *Block : *Graph)
    if (Block && In[Block->getBlockID()].Reached)
      processBlock(*Block, /*Report=*/true);
}

void FunctionFlow::processBlock(const CFGBlock &Block, bool Report) {
  FlowState State = In[Block.getBlockID()];
  if (!State.Reached)
    return;
  Current = &Block;
  Handed.clear();
  for (const CFGElement &Element : Block)
    transfer(Element, State, Report);

  std::optional<std::pair<unsigned, bool>> Branch;
  if (Block.succ_size() == 2)
    Branch = emptinessTest(Block.getLastCondition(), State);
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
    if (Report) {
      // The reporting pass: parameters end where an edge leaves the
      // function (what that edge's branch knows included).
      if (Next == &Exit && !Block.hasNoReturnElement())
        leaveFunction(Block, Edge);
      continue;
    }
    if (In[Next->getBlockID()].join(Edge))
      Worklist.push_back(Next);
  }
}

void FunctionFlow::leaveFunction(const CFGBlock &Block,
                                 const FlowState &State) {
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
    const LeasePlace &Place = Places.all()[I];
    const auto *Parameter = dyn_cast<ParmVarDecl>(Place.Root);
    if (!Parameter)
      continue;
    if (Place.Borrowed) {
      // What the caller gets back: the summary its calls read.
      const unsigned Index = Parameter->getFunctionScopeIndex();
      if (Index < Result.BorrowedExit.size())
        Result.BorrowedExit[Index] |= State.Places[I].Facts;
      continue;
    }
    if (State.Places[I].Facts & MayOwn)
      reportLost(I, State.Places[I], Where, How);
  }
}

std::optional<std::pair<unsigned, bool>>
FunctionFlow::emptinessTest(const Expr *Condition,
                            const FlowState &State) const {
  if (!Condition)
    return std::nullopt;
  bool TrueIsEmpty = true;
  for (unsigned Depth = 0; Depth < 16; ++Depth) {
    Condition = Condition->IgnoreParenImpCasts();
    const auto *Not = dyn_cast<UnaryOperator>(Condition);
    if (!Not || Not->getOpcode() != UO_LNot)
      break;
    TrueIsEmpty = !TrueIsEmpty;
    Condition = Not->getSubExpr();
  }
  if (const auto *Flag = dyn_cast<DeclRefExpr>(Condition)) {
    for (const Mirror &M : State.Mirrors)
      if (M.Flag == Flag->getDecl())
        return std::make_pair(M.Place, M.TrueIsEmpty == TrueIsEmpty);
    return std::nullopt;
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Condition);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method)
    return std::nullopt;
  // The test may be of an assignment's result: `(v = cell.take())`.
  const Expr *Tested = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *Assignment = dyn_cast<CXXOperatorCallExpr>(Tested);
      Assignment && Assignment->getOperator() == OO_Equal &&
      Assignment->getNumArgs() == 2)
    Tested = Assignment->getArg(0);
  std::optional<NamedPlaces> Named = Places.designated(Tested);
  if (!Named || !Named->Exact)
    return std::nullopt;
  const std::optional<MemberRole> Role = memberRole(Method);
  if (Role == MemberRole::TestEmpty)
    return std::make_pair(Named->Places.front(), TrueIsEmpty);
  if (Role == MemberRole::TestFull)
    return std::make_pair(Named->Places.front(), !TrueIsEmpty);
  return std::nullopt;
}

Mention FunctionFlow::classifyValue(const Expr *E, MentionSite &Site) const {
  const Expr *Child = nullptr;
  DynTypedNode Parent = parentThroughImplicit(Context, E, Child);
  Site.At = E->getBeginLoc();
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    return isEmptinessTest(memberRole(Method)) ? Mention::NotAUse
                                               : Mention::Use;
  }
  if (Parent.get<ReturnStmt>())
    return Mention::Transfer;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>();
      Operator && Operator->getOperator() == OO_Equal &&
      Operator->getNumArgs() == 2 && Operator->getArg(0) == Child)
    return Mention::NotAUse; // The assignment handles its target.
  // The places `std::swap` trades, and the target of `std::exchange`, are
  // handled at the call, as an assignment's target is: it may be empty.
  if (const auto *Call = Parent.get<CallExpr>()) {
    const Trade How = tradeOf(Call);
    if ((How != Trade::None && Call->getArg(0) == Child) ||
        (How == Trade::Swap && Call->getArg(1) == Child))
      return Mention::NotAUse;
  }
  // Moved (explicitly, or implicitly as the operand of a `return`).
  const Expr *Moved = Child;
  if (const auto *Expression = Parent.get<Expr>();
      Expression && isMoveExpression(Expression)) {
    Site.At = Expression->getBeginLoc();
    Parent = parentThroughImplicit(Context, Expression, Moved);
  } else if (!E->isXValue() && !Child->isXValue()) {
    if (const auto *Call = Parent.get<CallExpr>())
      return classifyBorrow(Call, Child);
    if (!Parent.get<CXXConstructExpr>())
      return Mention::Use;
  }
  if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    // Moved into a lease or a wrapper being made (by its move constructor,
    // or by a converting one such as `std::optional`'s, taking `U &&`).
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    const ParmVarDecl *Parameter = parameterFor(Construct, Moved);
    if ((Constructor && Constructor->isMoveConstructor()) ||
        (Parameter && Parameter->getType()->isRValueReferenceType())) {
      Site.Receiver = Construct;
      return Mention::Transfer;
    }
    return Mention::Use;
  }
  if (Parent.get<ReturnStmt>())
    return Mention::Transfer;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>();
      Operator && Operator->getOperator() == OO_Equal &&
      Operator->getNumArgs() == 2 && Operator->getArg(1) == Moved) {
    Site.Receiver = Operator;
    return Mention::Transfer;
  }
  if (const auto *Call = Parent.get<CallExpr>()) {
    if (!Call->getDirectCallee())
      return Mention::Transfer; // An rvalue given away.
    const ParmVarDecl *Parameter = parameterFor(Call, Moved);
    if (!Parameter || !Parameter->getType()->isRValueReferenceType())
      return Mention::Use;
    // The new value of an `std::exchange`: its target gets what this held.
    if (tradeOf(Call) == Trade::Exchange && Call->getArg(1) == Moved)
      Site.Receiver = Call;
    return Mention::Transfer;
  }
  return Mention::Use;
}

Mention FunctionFlow::classifyBorrow(const CallExpr *Call,
                                     const Expr *Argument) const {
  const ParmVarDecl *Parameter = parameterFor(Call, Argument);
  if (!Parameter)
    return Mention::Use;
  QualType Type = Parameter->getType();
  if (!Type->isLValueReferenceType() ||
      Type->getPointeeType().isConstQualified())
    return Mention::Use;
  QualType Referred = Type->getPointeeType();
  if (!isLeaseType(Referred) && !isLeaseWrapperType(Referred))
    // A struct that holds leases, lent whole: its callee may take them.
    return Referred->isRecordType() ? Mention::Unknown : Mention::Use;
  // A lease lent to a callee: its summary says what the caller gets back.
  // A callee whose body is not here is assumed to give it back.
  const FunctionDecl *Definition = nullptr;
  if (!Call->getDirectCallee()->hasBody(Definition) ||
      !isLeaseFlowCandidate(Definition))
    return Mention::Use;
  const LeaseFlowResult *Summary = Cache.summary(Definition, Budget);
  if (!Summary || Summary->Skipped)
    return Mention::Unknown;
  const unsigned Index = Parameter->getFunctionScopeIndex();
  if (Index >= Summary->BorrowedExit.size())
    return Mention::Use;
  const std::uint8_t Facts = Summary->BorrowedExit[Index];
  if (Facts & MayMoved)
    return (Facts & (MayOwn | Unknown)) ? Mention::MaybeTransfer
                                        : Mention::Transfer;
  return (Facts & Unknown) ? Mention::Unknown : Mention::Use;
}

Mention FunctionFlow::classifyWrapper(const Expr *E, MentionSite &Site) const {
  const Expr *Child = nullptr;
  DynTypedNode Parent = parentThroughImplicit(Context, E, Child);
  Site.At = E->getBeginLoc();
  // `std::move(w).value()` and `*std::move(w)` take the lease out as
  // `std::move(*w)` does: what counts is what is applied to the move.
  if (const auto *Move = Parent.get<Expr>(); Move && isMoveExpression(Move)) {
    const Expr *Moved = nullptr;
    DynTypedNode Outer = parentThroughImplicit(Context, Move, Moved);
    if (isUnwrapping(Outer))
      Parent = Outer;
  }
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (!Method)
      return Mention::Use;
    const std::optional<MemberRole> Role = memberRole(Method);
    if (isEmptinessTest(Role))
      return Mention::NotAUse;
    Site.At = Member->getMemberLoc();
    if (Role == MemberRole::Clear)
      return Mention::Emptied;
    if (Role == MemberRole::Put)
      return Mention::Refilled;
    if (Role == MemberRole::Swap)
      return Mention::Unknown;
    if (Role == MemberRole::Unwrap) {
      DynTypedNodeList Calls = Context.getParents(*Member);
      if (!Calls.empty())
        if (const auto *Call = Calls[0].get<CXXMemberCallExpr>())
          return classifyValue(Call, Site);
    }
    return Mention::Use;
  }
  if (const CXXOperatorCallExpr *Operator = asDereference(Parent))
    return classifyValue(Operator, Site);
  return classifyValue(E, Site);
}

Mention FunctionFlow::classifyCapture(const LambdaExpr *Lambda,
                                      const VarDecl *Var) const {
  // The lambda may run at any time; if its body does anything to the
  // place but read it, nothing is known about the place afterwards.
  struct Mentions : RecursiveASTVisitor<Mentions> {
    const VarDecl *Var = nullptr;
    std::vector<const DeclRefExpr *> Found;
    bool VisitDeclRefExpr(DeclRefExpr *Reference) {
      if (Reference->getDecl() == Var)
        Found.push_back(Reference);
      return true;
    }
  } Inside;
  Inside.Var = Var;
  Inside.TraverseStmt(Lambda->getBody());
  for (const DeclRefExpr *Reference : Inside.Found) {
    std::optional<NamedPlaces> Named = Places.mentioned(Reference);
    MentionSite Ignored;
    if (!Named)
      continue;
    const Mention What = classifyMention(*Named, Reference, Ignored);
    if (What != Mention::NotAUse && What != Mention::Use)
      return Mention::Unknown;
  }
  return Mention::Use;
}

Mention FunctionFlow::classifyMention(const NamedPlaces &Named,
                                      const DeclRefExpr *Reference,
                                      MentionSite &Site) const {
  const Expr *Child = nullptr;
  DynTypedNode Parent = parentThroughImplicit(Context, Named.Outer, Child);
  Site.At = Reference->getBeginLoc();
  if (const auto *Lambda = Parent.get<LambdaExpr>())
    return classifyCapture(Lambda, cast<VarDecl>(Reference->getDecl()));
  if (!Named.Exact) {
    // A whole struct: a non-const member function of it may take its
    // leases, and so may a call of a mutable lambda that captured them.
    if (const auto *Member = Parent.get<MemberExpr>())
      if (const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl()))
        return Method->isConst() || Method->isStatic() ? Mention::Use
                                                       : Mention::Unknown;
    if (const auto *Call = Parent.get<CXXOperatorCallExpr>();
        Call && Call->getOperator() == OO_Call && Call->getArg(0) == Child)
      if (const auto *Method =
              dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee()))
        return Method->isConst() ? Mention::Use : Mention::Unknown;
  }
  if (Named.Exact &&
      Places.all()[Named.Places.front()].Kind == LeasePlace::Wrapper)
    return classifyWrapper(Named.Outer, Site);
  return classifyValue(Named.Outer, Site);
}

bool FunctionFlow::callsClosure(const NamedPlaces &Named) const {
  if (Named.Exact || !Named.Outer)
    return false;
  const CXXRecordDecl *Record = Named.Outer->getType()->getAsCXXRecordDecl();
  if (!Record || !Record->isLambda())
    return false;
  const Expr *Child = nullptr;
  DynTypedNode Parent = parentThroughImplicit(Context, Named.Outer, Child);
  const auto *Call = Parent.get<CXXOperatorCallExpr>();
  return Call && Call->getOperator() == OO_Call && Call->getNumArgs() > 0 &&
         Call->getArg(0) == Child;
}

LeaseFlowFinding *FunctionFlow::addFinding(LeaseFlowFinding::RuleKind Rule,
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

void FunctionFlow::reportUse(unsigned Index, const PlaceState &Place,
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

void FunctionFlow::reportLost(unsigned Index, const PlaceState &Place,
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
  if (Block && Block->succ_size() == 2 && Block->getTerminatorCondition())
    for (unsigned Side = 0; Side < 2; ++Side)
      if (Block->succ_begin()[Side].getReachableBlock() == &Graph->getExit()) {
        noteCondition(*Finding, Block->getTerminatorCondition(), Side == 0);
        return;
      }
  noteBranchInto(*Finding, Block);
}

void FunctionFlow::noteBranchInto(LeaseFlowFinding &Finding,
                                  const CFGBlock *Block) {
  for (unsigned Depth = 0; Block && Depth < 8; ++Depth) {
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

void FunctionFlow::noteCondition(LeaseFlowFinding &Finding,
                                 const Stmt *Condition, bool TrueSide) {
  Finding.Notes.emplace_back(
      Condition->getBeginLoc(),
      std::string("on the path where this condition is ") +
          (TrueSide ? "true" : "false"));
}

void FunctionFlow::apply(FlowState &State, unsigned Index, Mention What,
                         const MentionSite &Site, SourceLocation UseLocation,
                         bool Report) {
  const SourceLocation At = Site.At;
  PlaceState &Place = State.Places[Index];
  if (UseLocation.isValid() && (Place.Facts & MayMoved) &&
      What != Mention::Emptied && What != Mention::Refilled) {
    if (Report)
      reportUse(Index, Place, UseLocation);
    // One transfer, one finding: as for a callee that took it, nothing more
    // is reported on this place until it is checked or reassigned.
    Place.Facts = Unknown;
    Place.Transfer = SourceLocation();
    Place.TransferBlock = nullptr;
  }
  switch (What) {
  case Mention::NotAUse:
  case Mention::Use:
    return;
  case Mention::Transfer:
    if (Site.Receiver)
      Handed[Site.Receiver] = Place.Facts & (MayOwn | Unknown);
    Place.Facts = MayMoved;
    Place.Transfer = At;
    Place.TransferBlock = Current;
    Place.Acquired = SourceLocation();
    break;
  case Mention::MaybeTransfer:
    Place.Facts |= MayMoved;
    Place.Transfer = At;
    Place.TransferBlock = Current;
    break;
  case Mention::Unknown:
    Place.Facts = Unknown;
    Place.Transfer = SourceLocation();
    Place.TransferBlock = nullptr;
    break;
  case Mention::Emptied:
    if (Report && (Place.Facts & MayOwn))
      reportLost(Index, Place, At, "when it is reset");
    Place = PlaceState();
    break;
  case Mention::Refilled:
    if (Report && (Place.Facts & MayOwn))
      reportLost(Index, Place, At, "when it is overwritten");
    Place = PlaceState();
    Place.Facts = MayOwn;
    Place.Acquired = At;
    break;
  }
  State.forgetMirrorsOf(Index);
}

std::optional<std::uint8_t> FunctionFlow::handedTo(const Expr *Receiver) const {
  for (unsigned Depth = 0; Receiver && Depth < 8; ++Depth) {
    if (auto Found = Handed.find(Receiver); Found != Handed.end())
      return Found->second;
    if (const auto *Full = dyn_cast<FullExpr>(Receiver))
      Receiver = Full->getSubExpr();
    else if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(Receiver))
      Receiver = Bind->getSubExpr();
    else if (const auto *Temporary =
                 dyn_cast<MaterializeTemporaryExpr>(Receiver))
      Receiver = Temporary->getSubExpr();
    else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(Receiver))
      Receiver = Cast->getSubExpr();
    else if (const auto *Parens = dyn_cast<ParenExpr>(Receiver))
      Receiver = Parens->getSubExpr();
    else
      return std::nullopt;
  }
  return std::nullopt;
}

void FunctionFlow::transfer(const CFGElement &Element, FlowState &State,
                            bool Report) {
  if (auto S = Element.getAs<CFGStmt>()) {
    transferStatement(S->getStmt(), State, Report);
    return;
  }
  // An initializer's expressions are elements of their own.
  auto Ends = Element.getAs<CFGLifetimeEnds>();
  if (!Ends)
    return;
  const VarDecl *Var = Ends->getVarDecl();
  llvm::erase_if(State.Mirrors, [&](const Mirror &M) { return M.Flag == Var; });
  for (unsigned Index : Places.of(Var)) {
    PlaceState &Place = State.Places[Index];
    if (Report && (Place.Facts & MayOwn) && !Places.all()[Index].Borrowed) {
      const Stmt *Trigger = Ends->getTriggerStmt();
      SourceLocation Where;
      const char *How = "when it goes out of scope";
      if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Trigger))
        Where = Block->getRBracLoc();
      else if (Trigger)
        Where = Trigger->getBeginLoc();
      if (Trigger && isa<ReturnStmt>(Trigger))
        How = "when the function returns";
      reportLost(Index, Place, Where, How);
    }
    Place = PlaceState();
    State.forgetMirrorsOf(Index);
  }
}

void FunctionFlow::transferStatement(const Stmt *S, FlowState &State,
                                     bool Report) {
  if (const auto *Reference = dyn_cast<DeclRefExpr>(S)) {
    std::optional<NamedPlaces> Named = Places.mentioned(Reference);
    if (!Named)
      return;
    MentionSite Site;
    const Mention What = classifyMention(*Named, Reference, Site);
    if (What == Mention::NotAUse)
      return;
    if (Named->Exact) {
      apply(State, Named->Places.front(), What, Site, Reference->getBeginLoc(),
            Report);
      return;
    }
    // A whole struct: its leases move with it (the struct that takes them
    // over is owned); reading it is not a use of each of them. Calling a
    // closure is: its body runs with what it captured. One call, one
    // finding, on the first capture that may have been moved on.
    const bool Called = callsClosure(*Named);
    bool Found = false;
    Site.Receiver = nullptr;
    for (unsigned Index : Named->Places) {
      if (Called && (State.Places[Index].Facts & MayMoved)) {
        // The first reports (and leaves it unknown); the others are the
        // same defect.
        SourceLocation Use =
            Found ? SourceLocation() : Reference->getBeginLoc();
        apply(State, Index, Mention::Unknown, Site, Use, Report);
        Found = true;
      }
      if (What != Mention::Use)
        apply(State, Index, What, Site, SourceLocation(), Report);
    }
    return;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Operator->getOperator() == OO_Equal && Operator->getNumArgs() == 2)
      transferAssignment(Operator, State, Report);
    return;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    if (const Trade How = tradeOf(Call); How != Trade::None)
      transferTrade(Call, How, State);
    return;
  }
  if (const auto *Assignment = dyn_cast<BinaryOperator>(S)) {
    // A flag that mirrored an emptiness test is overwritten.
    if (!Assignment->isAssignmentOp())
      return;
    const auto *Flag =
        dyn_cast<DeclRefExpr>(Assignment->getLHS()->IgnoreParenImpCasts());
    if (!Flag)
      return;
    llvm::erase_if(State.Mirrors,
                   [&](const Mirror &M) { return M.Flag == Flag->getDecl(); });
    const auto *Var = dyn_cast<VarDecl>(Flag->getDecl());
    if (Var && Assignment->getOpcode() == BO_Assign)
      if (auto Test = emptinessTest(Assignment->getRHS(), State))
        State.Mirrors.push_back({Var, Test->first, Test->second});
    return;
  }
  if (const auto *Declaration = dyn_cast<DeclStmt>(S))
    transferDeclaration(Declaration, State);
}

void FunctionFlow::transferDeclaration(const DeclStmt *Declaration,
                                       FlowState &State) {
  for (const Decl *D : Declaration->decls()) {
    const auto *Var = dyn_cast<VarDecl>(D);
    if (!Var)
      continue;
    for (unsigned Index : Places.of(Var)) {
      const LeasePlace &Place = Places.all()[Index];
      PlaceState &Typestate = State.Places[Index];
      Typestate = PlaceState();
      bool Opaque = false;
      const Expr *Initializer =
          placeInitializer(Var->getInit(), Place.Path, Opaque);
      if (Opaque || !initializesEmpty(Initializer, {}, Place.Kind)) {
        Typestate.Facts = MayOwn;
        Typestate.Acquired = Var->getLocation();
        if (std::optional<std::uint8_t> Handed = handedTo(Initializer);
            Handed && !Opaque)
          Typestate.Facts = *Handed;
      }
      State.forgetMirrorsOf(Index);
    }
    llvm::erase_if(State.Mirrors,
                   [&](const Mirror &M) { return M.Flag == Var; });
    if (Var->getType()->isBooleanType() && Var->getInit())
      if (auto Test = emptinessTest(Var->getInit(), State))
        State.Mirrors.push_back({Var, Test->first, Test->second});
  }
}

void FunctionFlow::transferAssignment(const CXXOperatorCallExpr *Assignment,
                                      FlowState &State, bool Report) {
  std::optional<NamedPlaces> Target = Places.designated(Assignment->getArg(0));
  if (!Target)
    return;
  for (unsigned Index : Target->Places) {
    const LeasePlace &Place = Places.all()[Index];
    PlaceState &Typestate = State.Places[Index];
    if (Report && (Typestate.Facts & MayOwn))
      reportLost(Index, Typestate, Assignment->getOperatorLoc(),
                 "when it is overwritten");
    Typestate = PlaceState();
    llvm::ArrayRef<const FieldDecl *> Rest =
        llvm::ArrayRef(Place.Path).drop_front(Target->PathLength);
    if (!initializesEmpty(Assignment->getArg(1), Rest, Place.Kind)) {
      Typestate.Facts = MayOwn;
      Typestate.Acquired = Assignment->getBeginLoc();
      // Moved in, or the old value of an `std::exchange`.
      std::optional<std::uint8_t> Handed = handedTo(Assignment);
      if (!Handed)
        Handed = handedTo(Assignment->getArg(1));
      if (Handed && Target->Exact)
        Typestate.Facts = *Handed;
    }
    State.forgetMirrorsOf(Index);
  }
}

void FunctionFlow::transferTrade(const CallExpr *Call, Trade How,
                                 FlowState &State) {
  std::optional<NamedPlaces> First = Places.designated(Call->getArg(0));
  if (How == Trade::Exchange) {
    // What the call returns is what the target held; without a tracked
    // target, whatever was moved in is not what the call hands on.
    auto MovedIn = Handed.find(Call);
    std::optional<std::uint8_t> New;
    if (MovedIn != Handed.end()) {
      New = MovedIn->second;
      Handed.erase(MovedIn);
    }
    if (!First || !First->Exact) {
      if (First)
        for (unsigned Index : First->Places) {
          State.Places[Index] = PlaceState();
          State.Places[Index].Facts = Unknown;
          State.forgetMirrorsOf(Index);
        }
      return;
    }
    const unsigned Index = First->Places.front();
    PlaceState &Place = State.Places[Index];
    Handed[Call] = Place.Facts & (MayOwn | Unknown);
    Place = PlaceState();
    if (!New)
      New = initializesEmpty(Call->getArg(1), {}, Places.all()[Index].Kind)
                ? 0
                : std::uint8_t(MayOwn);
    Place.Facts = *New;
    if (Place.Facts & MayOwn)
      Place.Acquired = Call->getBeginLoc();
    State.forgetMirrorsOf(Index);
    return;
  }
  std::optional<NamedPlaces> Second = Places.designated(Call->getArg(1));
  if (First && Second && First->Places.size() == Second->Places.size() &&
      First->Exact == Second->Exact) {
    // The same type on both sides: the places correspond in order.
    for (unsigned I = 0; I < First->Places.size(); ++I) {
      std::swap(State.Places[First->Places[I]],
                State.Places[Second->Places[I]]);
      // Each got its buffer, or lost it, at the swap.
      for (unsigned Index : {First->Places[I], Second->Places[I]}) {
        PlaceState &Place = State.Places[Index];
        if (Place.Facts & MayOwn)
          Place.Acquired = Call->getBeginLoc();
        if (Place.Facts & MayMoved) {
          Place.Transfer = Call->getBeginLoc();
          Place.TransferBlock = Current;
        }
        State.forgetMirrorsOf(Index);
      }
    }
    return;
  }
  // Traded with something untracked: what it gets is not known.
  for (const std::optional<NamedPlaces> &Side : {First, Second})
    if (Side)
      for (unsigned Index : Side->Places) {
        State.Places[Index] = PlaceState();
        State.Places[Index].Facts = Unknown;
        State.forgetMirrorsOf(Index);
      }
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

LeaseFlowCache &LeaseFlowCache::of(ASTContext &Context) {
  std::unique_ptr<LeaseFlowCache> &Cache = Caches[&Context];
  if (!Cache)
    Cache = std::make_unique<LeaseFlowCache>(Context);
  return *Cache;
}

void LeaseFlowCache::release(ASTContext &Context) { Caches.erase(&Context); }

const LeaseFlowResult &LeaseFlowCache::analyze(const FunctionDecl *Function,
                                               unsigned Budget) {
  if (auto Found = Results.find(Function); Found != Results.end())
    return *Found->second;
  // Inserted before it runs: the analysis may ask for its callees'
  // summaries, which may ask for this one (it is then in progress).
  auto Owned = std::make_unique<LeaseFlowResult>();
  LeaseFlowResult &Result = *Owned;
  Results.try_emplace(Function, std::move(Owned));
  Result.InProgress = true;
  FunctionFlow(Function, Context, Result, Budget, *this).run();
  Result.InProgress = false;
  return Result;
}

const LeaseFlowResult *LeaseFlowCache::summary(const FunctionDecl *Function,
                                               unsigned Budget) {
  if (auto Found = Results.find(Function); Found != Results.end())
    return Found->second->InProgress ? nullptr : Found->second.get();
  if (SummaryDepth >= MaxSummaryDepth)
    return nullptr;
  ++SummaryDepth;
  const LeaseFlowResult &Result = analyze(Function, Budget);
  --SummaryDepth;
  return &Result;
}

} // namespace clang::tidy::leash
