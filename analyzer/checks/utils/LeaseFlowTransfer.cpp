//===--- LeaseFlowTransfer.cpp - What each statement does to leases -------===//

#include "LeaseFlowTransfer.h"
#include "AstWalk.h"
#include "CalleeSummaries.h"
#include "LeaseFlow.h"
#include "LeaseVocabulary.h"
#include "MemberRoles.h"
#include "Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leash::flow {

namespace {

/// How many `!` an emptiness test may be wrapped in.
constexpr unsigned MaxNegations = 16;

/// How many layers (full expressions, temporaries, casts, parentheses) lie
/// at most between a receiver of a transfer and the expression that
/// initializes or assigns a place with it.
constexpr unsigned MaxReceiverLayers = 8;

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

/// Whether \p Operator is a two-operand `operator=`.
bool isAssignmentOperator(const CXXOperatorCallExpr *Operator) {
  return Operator && Operator->getOperator() == OO_Equal &&
         Operator->getNumArgs() == 2;
}

TradeKind tradeOf(const CallExpr *Call) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee || isa<CXXMethodDecl>(Callee) || !Callee->isInStdNamespace() ||
      !Callee->getIdentifier() || Call->getNumArgs() != 2)
    return TradeKind::None;
  if (Callee->getName() == "swap")
    return TradeKind::Swap;
  if (Callee->getName() == "exchange")
    return TradeKind::Exchange;
  return TradeKind::None;
}

/// Whether \p Parameter lends a lease: a non-const lvalue reference to a
/// lease or a wrapper.
bool lendsLease(const ParmVarDecl *Parameter) {
  QualType Type = Parameter->getType();
  if (!Type->isLValueReferenceType() ||
      Type->getPointeeType().isConstQualified())
    return false;
  QualType Referred = Type->getPointeeType();
  return isLeaseType(Referred) || isLeaseWrapperType(Referred);
}

/// Whether the lent arguments of \p Call are applied at the call, by a
/// CallTrade step, when its callee trades them (not for operators, whose
/// steps are assignments, nor for the standard trades).
bool tradesAtCall(const CallExpr *Call) {
  return !isa<CXXOperatorCallExpr>(Call) && tradeOf(Call) == TradeKind::None;
}

/// What lending a lease to parameter \p Index of a callee summarized by
/// \p Summary does to it, by the facts the callee leaves there.
MentionKind lentKind(const CalleeSummary &Summary, unsigned Index) {
  if (Index >= Summary.BorrowedExit.size())
    return MentionKind::Use;
  const std::uint8_t Facts = Summary.BorrowedExit[Index];
  if (Facts & MayMoved)
    return (Facts & (MayOwn | Unknown)) ? MentionKind::MaybeTransfer
                                        : MentionKind::Transfer;
  return (Facts & Unknown) ? MentionKind::Unknown : MentionKind::Use;
}

/// The role a value's parent (through implicit nodes) plays for it: the
/// table the classification switches on. Each role is one kind of node, or
/// one position in it, so that at most one applies.
enum class ParentRole {
  /// Anything else.
  Other,
  /// `v.member`.
  Member,
  /// `return v`.
  Returned,
  /// The left side of an assignment operator.
  AssignedTo,
  /// The right side of an assignment operator.
  AssignedFrom,
  /// What `std::swap` trades, or the target of `std::exchange`.
  Traded,
  /// The operand of `std::move` or of a cast to `T &&`.
  Moved,
  /// Any other operand of a call (its arguments, a member operator's
  /// object).
  Argument,
  /// An argument of a constructor.
  Constructed,
};

/// A value's parent and the role it plays.
struct ParentLink {
  ParentRole Role = ParentRole::Other;
  DynTypedNode Node;
  /// The last expression on the way up: the parent's operand.
  const Expr *Child = nullptr;
};

/// What mentions of places do, read from the AST alone (see the file
/// comment of LeaseFlowTransfer.h for the precedence).
class MentionClassifier {
public:
  MentionClassifier(const LeasePlaces &Places, ASTContext &Context,
                    CalleeSummaries &Summaries)
      : Places(Places), Context(Context), Summaries(Summaries) {}

  /// What the mention \p Reference does to the places it names.
  MentionKind classifyMention(const NamedPlaces &Named,
                              const DeclRefExpr *Reference,
                              MentionSite &Site) const;
  /// Whether \p Named, a closure's captured places, is the closure being
  /// called (`send()`).
  bool callsClosure(const NamedPlaces &Named) const;

private:
  /// The role that the parent of \p E (through implicit nodes) plays for it.
  ParentLink linkUp(const Expr *E) const;
  /// What a mention of a lease's value (a lease place, the lease inside a
  /// wrapper, or a whole struct) does, by its parent's role.
  MentionKind classifyValue(const Expr *E, MentionSite &Site) const;
  /// What moving a value into the parent \p Up does.
  MentionKind movedInto(const ParentLink &Up, MentionSite &Site) const;
  /// What a mention of a wrapper place does.
  MentionKind classifyWrapper(const Expr *E, MentionSite &Site) const;
  /// What passing \p Argument to \p Call without moving it does: a
  /// non-const lvalue reference parameter may take it (the callee's
  /// summary says how).
  MentionKind classifyBorrow(const CallExpr *Call, const Expr *Argument) const;
  /// What capturing a place by reference in \p Lambda does.
  MentionKind classifyCapture(const LambdaExpr *Lambda,
                              const VarDecl *Var) const;

  const LeasePlaces &Places;
  ASTContext &Context;
  CalleeSummaries &Summaries;
};

ParentLink MentionClassifier::linkUp(const Expr *E) const {
  ParentLink Link;
  Link.Node = parentThroughImplicit(Context, E, Link.Child);
  const DynTypedNode &Parent = Link.Node;
  if (Parent.get<MemberExpr>())
    Link.Role = ParentRole::Member;
  else if (Parent.get<ReturnStmt>())
    Link.Role = ParentRole::Returned;
  else if (const auto *Operator = Parent.get<CXXOperatorCallExpr>();
           isAssignmentOperator(Operator))
    Link.Role = Operator->getArg(0) == Link.Child   ? ParentRole::AssignedTo
                : Operator->getArg(1) == Link.Child ? ParentRole::AssignedFrom
                                                    : ParentRole::Argument;
  else if (const auto *Call = Parent.get<CallExpr>()) {
    const TradeKind How = tradeOf(Call);
    if (isMoveExpression(Call))
      Link.Role = ParentRole::Moved;
    else if ((How != TradeKind::None && Call->getArg(0) == Link.Child) ||
             (How == TradeKind::Swap && Call->getArg(1) == Link.Child))
      Link.Role = ParentRole::Traded;
    else
      Link.Role = ParentRole::Argument;
  } else if (const auto *Cast = Parent.get<ExplicitCastExpr>();
             Cast && isMoveExpression(Cast))
    Link.Role = ParentRole::Moved;
  else if (Parent.get<CXXConstructExpr>())
    Link.Role = ParentRole::Constructed;
  return Link;
}

MentionKind MentionClassifier::classifyValue(const Expr *E,
                                             MentionSite &Site) const {
  const ParentLink Up = linkUp(E);
  Site.At = E->getBeginLoc();
  switch (Up.Role) {
  case ParentRole::Member: {
    // A member of it is used, or tested (not a use).
    const auto *Method =
        dyn_cast<CXXMethodDecl>(Up.Node.get<MemberExpr>()->getMemberDecl());
    return isEmptinessTest(memberRole(Method)) ? MentionKind::NotAUse
                                               : MentionKind::Use;
  }
  case ParentRole::Returned:
    // Moved implicitly, as the operand of a `return`.
    return MentionKind::Transfer;
  case ParentRole::AssignedTo:
  case ParentRole::Traded:
    // The assignment's or the trade's own step handles it: it may be empty.
    return MentionKind::NotAUse;
  case ParentRole::Moved: {
    const Expr *Move = Up.Node.get<Expr>();
    Site.At = Move->getBeginLoc();
    return movedInto(linkUp(Move), Site);
  }
  case ParentRole::AssignedFrom:
  case ParentRole::Argument:
  case ParentRole::Constructed:
  case ParentRole::Other:
    break;
  }
  // Not moved explicitly: an xvalue is moved all the same; otherwise an
  // argument may be lent, and a constructor's parameter decides.
  if (E->isXValue() || Up.Child->isXValue())
    return movedInto(Up, Site);
  switch (Up.Role) {
  case ParentRole::AssignedFrom:
  case ParentRole::Argument:
    return classifyBorrow(Up.Node.get<CallExpr>(), Up.Child);
  case ParentRole::Constructed:
    return movedInto(Up, Site);
  default:
    return MentionKind::Use;
  }
}

MentionKind MentionClassifier::movedInto(const ParentLink &Up,
                                         MentionSite &Site) const {
  switch (Up.Role) {
  case ParentRole::Constructed: {
    // Moved into a lease or a wrapper being made (by its move constructor,
    // or by a converting one such as `std::optional`'s, taking `U &&`).
    const auto *Construct = Up.Node.get<CXXConstructExpr>();
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    const ParmVarDecl *Parameter = parameterFor(Construct, Up.Child);
    if ((Constructor && Constructor->isMoveConstructor()) ||
        (Parameter && Parameter->getType()->isRValueReferenceType())) {
      Site.Receiver = Construct;
      return MentionKind::Transfer;
    }
    return MentionKind::Use;
  }
  case ParentRole::Returned:
    return MentionKind::Transfer;
  case ParentRole::AssignedFrom:
    Site.Receiver = Up.Node.get<Expr>();
    return MentionKind::Transfer;
  case ParentRole::Member:
  case ParentRole::Other:
    return MentionKind::Use;
  case ParentRole::AssignedTo:
  case ParentRole::Traded:
  case ParentRole::Argument:
  case ParentRole::Moved:
    break;
  }
  // Given to a call (a cast to `T &&` around it is not one).
  const auto *Call = Up.Node.get<CallExpr>();
  if (!Call)
    return MentionKind::Use;
  if (!Call->getDirectCallee())
    return MentionKind::Transfer; // An rvalue given away.
  const ParmVarDecl *Parameter = parameterFor(Call, Up.Child);
  if (!Parameter || !Parameter->getType()->isRValueReferenceType())
    return MentionKind::Use;
  // The new value of an `std::exchange`: its target gets what this held.
  if (tradeOf(Call) == TradeKind::Exchange && Call->getArg(1) == Up.Child)
    Site.Receiver = Call;
  return MentionKind::Transfer;
}

MentionKind MentionClassifier::classifyBorrow(const CallExpr *Call,
                                              const Expr *Argument) const {
  const ParmVarDecl *Parameter = parameterFor(Call, Argument);
  if (!Parameter)
    return MentionKind::Use;
  QualType Type = Parameter->getType();
  if (!Type->isLValueReferenceType() ||
      Type->getPointeeType().isConstQualified())
    return MentionKind::Use;
  QualType Referred = Type->getPointeeType();
  if (!isLeaseType(Referred) && !isLeaseWrapperType(Referred))
    // A struct that holds leases, lent whole: its callee may take them.
    return Referred->isRecordType() ? MentionKind::Unknown : MentionKind::Use;
  // A lease lent to a callee: its summary says what the caller gets back.
  // A callee whose body is not here is assumed to give it back.
  const FunctionDecl *Definition = nullptr;
  if (!Call->getDirectCallee()->hasBody(Definition) ||
      !isLeaseFlowCandidate(Definition))
    return MentionKind::Use;
  const CalleeSummary *Summary = Summaries.of(Definition);
  if (!Summary || Summary->Skipped)
    return MentionKind::Unknown;
  const unsigned Index = Parameter->getFunctionScopeIndex();
  // Traded with another lent argument: the call's own step applies it,
  // from what each held before the call.
  if (tradesAtCall(Call) && Summary->tradesParameter(Index))
    return MentionKind::NotAUse;
  return lentKind(*Summary, Index);
}

MentionKind MentionClassifier::classifyWrapper(const Expr *E,
                                               MentionSite &Site) const {
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
      return MentionKind::Use;
    const std::optional<MemberRole> Role = memberRole(Method);
    if (isEmptinessTest(Role))
      return MentionKind::NotAUse;
    Site.At = Member->getMemberLoc();
    switch (Role.value_or(MemberRole::Get)) {
    case MemberRole::Clear:
      return MentionKind::Emptied;
    case MemberRole::Put:
      return MentionKind::Refilled;
    case MemberRole::Swap:
      return MentionKind::Unknown;
    case MemberRole::Unwrap:
      // The lease inside: what happens to the call's value.
      if (const auto *Call = parentOf(DynTypedNode::create(*Member), Context)
                                 .get<CXXMemberCallExpr>())
        return classifyValue(Call, Site);
      return MentionKind::Use;
    default:
      return MentionKind::Use;
    }
  }
  if (const CXXOperatorCallExpr *Operator = asDereference(Parent))
    return classifyValue(Operator, Site);
  return classifyValue(E, Site);
}

MentionKind MentionClassifier::classifyCapture(const LambdaExpr *Lambda,
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
    const MentionKind What = classifyMention(*Named, Reference, Ignored);
    if (What != MentionKind::NotAUse && What != MentionKind::Use)
      return MentionKind::Unknown;
  }
  return MentionKind::Use;
}

MentionKind MentionClassifier::classifyMention(const NamedPlaces &Named,
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
        return Method->isConst() || Method->isStatic() ? MentionKind::Use
                                                       : MentionKind::Unknown;
    if (const auto *Call = Parent.get<CXXOperatorCallExpr>();
        Call && Call->getOperator() == OO_Call && Call->getArg(0) == Child)
      if (const auto *Method =
              dyn_cast_or_null<CXXMethodDecl>(Call->getDirectCallee()))
        return Method->isConst() ? MentionKind::Use : MentionKind::Unknown;
  }
  if (Named.Exact &&
      Places.all()[Named.Places.front()].Kind == LeasePlace::Wrapper)
    return classifyWrapper(Named.Outer, Site);
  return classifyValue(Named.Outer, Site);
}

bool MentionClassifier::callsClosure(const NamedPlaces &Named) const {
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

} // namespace

std::optional<Step>
LeaseTransfer::classifyElement(const CFGElement &Element) const {
  Step Result;
  if (auto Ends = Element.getAs<CFGLifetimeEnds>()) {
    Result.Kind = Step::ScopeEnd;
    Result.Var = Ends->getVarDecl();
    Result.S = Ends->getTriggerStmt();
    return Result;
  }
  // An initializer's expressions are elements of their own.
  auto Statement = Element.getAs<CFGStmt>();
  if (!Statement)
    return std::nullopt;
  const Stmt *S = Statement->getStmt();
  Result.S = S;
  if (const auto *Reference = dyn_cast<DeclRefExpr>(S)) {
    Result.Named = Places.mentioned(Reference);
    if (!Result.Named)
      return std::nullopt;
    MentionClassifier Classifier(Places, Context, Summaries);
    Result.Kind = Step::Mention;
    Result.What =
        Classifier.classifyMention(*Result.Named, Reference, Result.Site);
    Result.CallsClosure = Classifier.callsClosure(*Result.Named);
    if (Result.What == MentionKind::NotAUse)
      return std::nullopt;
    return Result;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (!isAssignmentOperator(Operator))
      return std::nullopt;
    Result.Kind = Step::Assignment;
    Result.Named = Places.designated(Operator->getArg(0));
    if (!Result.Named)
      return std::nullopt;
    return Result;
  }
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    Result.How = tradeOf(Call);
    if (Result.How == TradeKind::None)
      return tradesAtCall(Call) ? classifyCallTrade(Call) : std::nullopt;
    Result.Kind = Step::Trade;
    Result.Named = Places.designated(Call->getArg(0));
    if (Result.How == TradeKind::Swap)
      Result.Second = Places.designated(Call->getArg(1));
    return Result;
  }
  if (const auto *Assignment = dyn_cast<BinaryOperator>(S)) {
    // A flag that mirrored an emptiness test is overwritten.
    if (!Assignment->isAssignmentOp() ||
        !isa<DeclRefExpr>(Assignment->getLHS()->IgnoreParenImpCasts()))
      return std::nullopt;
    Result.Kind = Step::FlagAssignment;
    return Result;
  }
  if (isa<DeclStmt>(S)) {
    Result.Kind = Step::Declaration;
    return Result;
  }
  return std::nullopt;
}

std::optional<Step>
LeaseTransfer::classifyCallTrade(const CallExpr *Call) const {
  // Only a call that lends a lease asks for its callee's summary (as its
  // mentions do).
  bool Lends = false;
  forEachArgumentWithParameter(Call,
                               [&](const Expr *, const ParmVarDecl *Parameter) {
                                 Lends = Lends || lendsLease(Parameter);
                               });
  const FunctionDecl *Callee = Call->getDirectCallee();
  const FunctionDecl *Definition = nullptr;
  if (!Lends || !Callee || !Callee->hasBody(Definition) ||
      !isLeaseFlowCandidate(Definition))
    return std::nullopt;
  const CalleeSummary *Summary = Summaries.of(Definition);
  if (!Summary || Summary->Skipped || !Summary->trades())
    return std::nullopt;
  Step Result;
  Result.Kind = Step::CallTrade;
  Result.S = Call;
  // The entry of each traded parameter, by the parameter's index.
  llvm::SmallDenseMap<unsigned, int, 4> EntryOf;
  forEachArgumentWithParameter(
      Call, [&](const Expr *Argument, const ParmVarDecl *Parameter) {
        const unsigned Index = Parameter->getFunctionScopeIndex();
        if (!lendsLease(Parameter) || !Summary->tradesParameter(Index))
          return;
        Step::Lent &Lent = Result.Lents.emplace_back();
        if (std::optional<NamedPlaces> Named = Places.designated(Argument);
            Named && Named->Exact)
          Lent.Place = Named->Places.front();
        Lent.What = lentKind(*Summary, Index);
        Lent.Site.At = Argument->getBeginLoc();
        EntryOf[Index] = Result.Lents.size() - 1;
      });
  unsigned Entry = 0;
  forEachArgumentWithParameter(Call, [&](const Expr *,
                                         const ParmVarDecl *Parameter) {
    const unsigned Index = Parameter->getFunctionScopeIndex();
    if (!EntryOf.count(Index))
      return;
    const int From = Summary->BorrowedFrom[Index];
    if (From >= 0) {
      auto Source = EntryOf.find(unsigned(From));
      // A source that is not a lent argument here: unknown (-2).
      Result.Lents[Entry].From = Source != EntryOf.end() ? Source->second : -2;
    }
    ++Entry;
  });
  return Result;
}

void LeaseTransfer::classify(const CFGBlock &Block) {
  if (Steps.size() <= Block.getBlockID())
    Steps.resize(Block.getParent()->getNumBlockIDs());
  std::vector<Step> &Table = Steps[Block.getBlockID()];
  for (const CFGElement &Element : Block)
    if (std::optional<Step> Classified = classifyElement(Element))
      Table.push_back(std::move(*Classified));
}

void LeaseTransfer::transferBlock(const CFGBlock &Block, FlowState &State,
                                  FindingSink *Sink) {
  Current = &Block;
  Handed.clear();
  if (Block.getBlockID() >= Steps.size())
    return;
  for (const Step &Each : Steps[Block.getBlockID()]) {
    switch (Each.Kind) {
    case Step::Mention:
      transferMention(Each, State, Sink);
      break;
    case Step::Assignment:
      transferAssignment(Each, State, Sink);
      break;
    case Step::Trade:
      transferTrade(Each, State);
      break;
    case Step::CallTrade:
      transferCallTrade(Each, State, Sink);
      break;
    case Step::FlagAssignment:
      transferFlagAssignment(cast<BinaryOperator>(Each.S), State);
      break;
    case Step::Declaration:
      transferDeclaration(cast<DeclStmt>(Each.S), State);
      break;
    case Step::ScopeEnd:
      transferScopeEnd(Each, State, Sink);
      break;
    }
  }
}

const LeaseTransfer::TestShape &
LeaseTransfer::shapeOf(const Expr *Condition) const {
  auto [Found, Inserted] = Shapes.try_emplace(Condition);
  TestShape &Shape = Found->second;
  if (!Inserted || !Condition)
    return Shape;
  bool TrueIsEmpty = true;
  for (unsigned Depth = 0; Depth < MaxNegations; ++Depth) {
    Condition = Condition->IgnoreParenImpCasts();
    const auto *Not = dyn_cast<UnaryOperator>(Condition);
    if (!Not || Not->getOpcode() != UO_LNot)
      break;
    TrueIsEmpty = !TrueIsEmpty;
    Condition = Not->getSubExpr();
  }
  Shape.TrueIsEmpty = TrueIsEmpty;
  if (const auto *Flag = dyn_cast<DeclRefExpr>(Condition)) {
    // Which place it mirrors, if any, depends on the state.
    Shape.IsTest = true;
    Shape.Flag = Flag->getDecl();
    return Shape;
  }
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Condition);
  const CXXMethodDecl *Method = Call ? Call->getMethodDecl() : nullptr;
  if (!Method)
    return Shape;
  // The test may be of an assignment's result: `(v = cell.take())`.
  const Expr *Tested = Call->getImplicitObjectArgument()->IgnoreParenImpCasts();
  if (const auto *Assignment = dyn_cast<CXXOperatorCallExpr>(Tested);
      isAssignmentOperator(Assignment))
    Tested = Assignment->getArg(0);
  std::optional<NamedPlaces> Named = Places.designated(Tested);
  if (!Named || !Named->Exact)
    return Shape;
  const std::optional<MemberRole> Role = memberRole(Method);
  if (Role != MemberRole::TestEmpty && Role != MemberRole::TestFull)
    return Shape;
  Shape.IsTest = true;
  Shape.Place = Named->Places.front();
  if (Role == MemberRole::TestFull)
    Shape.TrueIsEmpty = !TrueIsEmpty;
  return Shape;
}

std::optional<std::pair<unsigned, bool>>
LeaseTransfer::emptinessTest(const Expr *Condition,
                             const FlowState &State) const {
  if (!Condition)
    return std::nullopt;
  const TestShape &Shape = shapeOf(Condition);
  if (!Shape.IsTest)
    return std::nullopt;
  if (!Shape.Flag)
    return std::make_pair(Shape.Place, Shape.TrueIsEmpty);
  for (const Mirror &M : State.Mirrors)
    if (M.Flag == Shape.Flag)
      return std::make_pair(M.Place, M.TrueIsEmpty == Shape.TrueIsEmpty);
  return std::nullopt;
}

void LeaseTransfer::apply(FlowState &State, unsigned Index, MentionKind What,
                          const MentionSite &Site, SourceLocation UseLocation,
                          FindingSink *Sink) {
  const SourceLocation At = Site.At;
  PlaceState &Place = State.Places[Index];
  if (UseLocation.isValid() && (Place.Facts & MayMoved) &&
      What != MentionKind::Emptied && What != MentionKind::Refilled) {
    if (Sink)
      Sink->usedAfterTransfer(Index, Place, UseLocation);
    // One transfer, one finding: as for a callee that took it, nothing more
    // is reported on this place until it is checked or reassigned.
    Place.Facts = Unknown;
    Place.Transfer = SourceLocation();
    Place.TransferBlock = nullptr;
    Place.Origin = NoOrigin;
  }
  switch (What) {
  case MentionKind::NotAUse:
  case MentionKind::Use:
    return;
  case MentionKind::Transfer:
    if (Site.Receiver)
      Handed[Site.Receiver] = {std::uint8_t(Place.Facts & (MayOwn | Unknown)),
                               Place.Origin};
    Place.Facts = MayMoved;
    Place.Transfer = At;
    Place.TransferBlock = Current;
    Place.Acquired = SourceLocation();
    Place.Origin = NoOrigin;
    break;
  case MentionKind::MaybeTransfer:
    Place.Facts |= MayMoved;
    Place.Transfer = At;
    Place.TransferBlock = Current;
    Place.Origin = NoOrigin;
    break;
  case MentionKind::Unknown:
    Place.Facts = Unknown;
    Place.Transfer = SourceLocation();
    Place.TransferBlock = nullptr;
    Place.Origin = NoOrigin;
    break;
  case MentionKind::Emptied:
    if (Sink && (Place.Facts & MayOwn))
      Sink->lost(Index, Place, At, "when it is reset");
    Place = PlaceState();
    break;
  case MentionKind::Refilled:
    if (Sink && (Place.Facts & MayOwn))
      Sink->lost(Index, Place, At, "when it is overwritten");
    Place = PlaceState();
    Place.Facts = MayOwn;
    Place.Acquired = At;
    break;
  }
  State.forgetMirrorsOf(Index);
}

std::optional<LeaseTransfer::Handoff>
LeaseTransfer::handedTo(const Expr *Receiver) const {
  for (unsigned Depth = 0; Receiver && Depth < MaxReceiverLayers; ++Depth) {
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

void LeaseTransfer::transferMention(const Step &Mention, FlowState &State,
                                    FindingSink *Sink) {
  const NamedPlaces &Named = *Mention.Named;
  const SourceLocation UseLocation = Mention.S->getBeginLoc();
  if (Named.Exact) {
    apply(State, Named.Places.front(), Mention.What, Mention.Site, UseLocation,
          Sink);
    return;
  }
  // A whole struct: its leases move with it (the struct that takes them
  // over is owned); reading it is not a use of each of them. Calling a
  // closure is: its body runs with what it captured. One call, one
  // finding, on the first capture that may have been moved on.
  MentionSite Site = Mention.Site;
  Site.Receiver = nullptr;
  bool Found = false;
  for (unsigned Index : Named.Places) {
    if (Mention.CallsClosure && (State.Places[Index].Facts & MayMoved)) {
      // The first reports (and leaves it unknown); the others are the
      // same defect.
      SourceLocation Use = Found ? SourceLocation() : UseLocation;
      apply(State, Index, MentionKind::Unknown, Site, Use, Sink);
      Found = true;
    }
    if (Mention.What != MentionKind::Use)
      apply(State, Index, Mention.What, Site, SourceLocation(), Sink);
  }
}

void LeaseTransfer::transferScopeEnd(const Step &End, FlowState &State,
                                     FindingSink *Sink) {
  const VarDecl *Var = End.Var;
  State.forgetFlag(Var);
  for (unsigned Index : Places.of(Var)) {
    PlaceState &Place = State.Places[Index];
    if (Sink && (Place.Facts & MayOwn) && !Places.all()[Index].Borrowed) {
      const Stmt *Trigger = End.S;
      SourceLocation Where;
      const char *How = "when it goes out of scope";
      if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Trigger))
        Where = Block->getRBracLoc();
      else if (Trigger)
        Where = Trigger->getBeginLoc();
      if (Trigger && isa<ReturnStmt>(Trigger))
        How = "when the function returns";
      Sink->lost(Index, Place, Where, How);
    }
    Place = PlaceState();
    State.forgetMirrorsOf(Index);
  }
}

void LeaseTransfer::transferFlagAssignment(const BinaryOperator *Assignment,
                                           FlowState &State) {
  const auto *Flag =
      cast<DeclRefExpr>(Assignment->getLHS()->IgnoreParenImpCasts());
  State.forgetFlag(Flag->getDecl());
  const auto *Var = dyn_cast<VarDecl>(Flag->getDecl());
  if (Var && Assignment->getOpcode() == BO_Assign)
    if (auto Test = emptinessTest(Assignment->getRHS(), State))
      State.Mirrors.push_back({Var, Test->first, Test->second});
}

void LeaseTransfer::transferDeclaration(const DeclStmt *Declaration,
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
        if (std::optional<Handoff> Got = handedTo(Initializer);
            Got && !Opaque) {
          Typestate.Facts = Got->Facts;
          Typestate.Origin = Got->Origin;
        }
      }
      State.forgetMirrorsOf(Index);
    }
    State.forgetFlag(Var);
    if (Var->getType()->isBooleanType() && Var->getInit())
      if (auto Test = emptinessTest(Var->getInit(), State))
        State.Mirrors.push_back({Var, Test->first, Test->second});
  }
}

void LeaseTransfer::transferAssignment(const Step &Assignment, FlowState &State,
                                       FindingSink *Sink) {
  const auto *Operator = cast<CXXOperatorCallExpr>(Assignment.S);
  const NamedPlaces &Target = *Assignment.Named;
  for (unsigned Index : Target.Places) {
    const LeasePlace &Place = Places.all()[Index];
    PlaceState &Typestate = State.Places[Index];
    if (Sink && (Typestate.Facts & MayOwn))
      Sink->lost(Index, Typestate, Operator->getOperatorLoc(),
                 "when it is overwritten");
    Typestate = PlaceState();
    llvm::ArrayRef<const FieldDecl *> Rest =
        llvm::ArrayRef(Place.Path).drop_front(Target.PathLength);
    if (!initializesEmpty(Operator->getArg(1), Rest, Place.Kind)) {
      Typestate.Facts = MayOwn;
      Typestate.Acquired = Operator->getBeginLoc();
      // Moved in, or the old value of an `std::exchange`.
      std::optional<Handoff> Got = handedTo(Operator);
      if (!Got)
        Got = handedTo(Operator->getArg(1));
      if (Got && Target.Exact) {
        Typestate.Facts = Got->Facts;
        Typestate.Origin = Got->Origin;
      }
    }
    State.forgetMirrorsOf(Index);
  }
}

void LeaseTransfer::transferTrade(const Step &Trade, FlowState &State) {
  const auto *Call = cast<CallExpr>(Trade.S);
  const std::optional<NamedPlaces> &First = Trade.Named;
  if (Trade.How == TradeKind::Exchange) {
    // What the call returns is what the target held; without a tracked
    // target, whatever was moved in is not what the call hands on.
    auto MovedIn = Handed.find(Call);
    std::optional<Handoff> New;
    if (MovedIn != Handed.end()) {
      New = MovedIn->second;
      Handed.erase(MovedIn);
    }
    if (!First || !First->Exact) {
      if (First)
        for (unsigned Index : First->Places)
          State.makeUnknown(Index);
      return;
    }
    const unsigned Index = First->Places.front();
    PlaceState &Place = State.Places[Index];
    Handed[Call] = {std::uint8_t(Place.Facts & (MayOwn | Unknown)),
                    Place.Origin};
    Place = PlaceState();
    if (!New)
      New = Handoff{
          initializesEmpty(Call->getArg(1), {}, Places.all()[Index].Kind)
              ? std::uint8_t(0)
              : std::uint8_t(MayOwn),
          NoOrigin};
    Place.Facts = New->Facts;
    Place.Origin = New->Origin;
    if (Place.Facts & MayOwn)
      Place.Acquired = Call->getBeginLoc();
    State.forgetMirrorsOf(Index);
    return;
  }
  const std::optional<NamedPlaces> &Second = Trade.Second;
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
  for (const std::optional<NamedPlaces> *Side : {&First, &Second})
    if (*Side)
      for (unsigned Index : (*Side)->Places)
        State.makeUnknown(Index);
}

void LeaseTransfer::transferCallTrade(const Step &Call, FlowState &State,
                                      FindingSink *Sink) {
  // The same place lent twice: what it gets is not known.
  llvm::SmallVector<unsigned, 4> Lent;
  bool Aliased = false;
  for (const Step::Lent &Each : Call.Lents)
    if (Each.Place) {
      Aliased = Aliased || llvm::is_contained(Lent, *Each.Place);
      Lent.push_back(*Each.Place);
    }
  if (Aliased) {
    for (unsigned Index : Lent)
      State.makeUnknown(Index);
    return;
  }
  // What each held when the call began.
  llvm::SmallVector<std::optional<PlaceState>, 4> Before;
  for (const Step::Lent &Each : Call.Lents)
    Before.push_back(Each.Place ? std::optional(State.Places[*Each.Place])
                                : std::nullopt);
  // Those whose lease goes to another and that get none back: what the
  // callee leaves there, as for a lease lent alone.
  for (const Step::Lent &Each : Call.Lents)
    if (Each.Place && Each.From == -1)
      apply(State, *Each.Place, Each.What, Each.Site, Each.Site.At, Sink);
  // The others get what another held, and the notes move to the call.
  const SourceLocation At = Call.S->getBeginLoc();
  for (const Step::Lent &Each : Call.Lents) {
    if (!Each.Place || Each.From == -1)
      continue;
    const unsigned Index = *Each.Place;
    if (Each.From < 0 || !Before[Each.From]) {
      State.makeUnknown(Index);
      continue;
    }
    PlaceState &Place = State.Places[Index];
    Place = *Before[Each.From];
    if (Place.Facts & MayOwn)
      Place.Acquired = At;
    if (Place.Facts & MayMoved) {
      Place.Transfer = At;
      Place.TransferBlock = Current;
    }
    State.forgetMirrorsOf(Index);
  }
}

} // namespace clang::tidy::leash::flow
