//===--- LeaseFlow.cpp - Who owns each lease, path by path ----------------===//

#include "LeaseFlow.h"
#include "Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Analysis/CFG.h"
#include "llvm/ADT/DenseSet.h"

#include <deque>
#include <set>
#include <tuple>

namespace clang::tidy::leash {

namespace {

/// The facts a variable's typestate is made of.
enum Fact : std::uint8_t {
  /// It may own a buffer.
  MayOwn = 1,
  /// It may have been transferred away (moved from).
  MayMoved = 2,
};

/// The typestate of one variable at one point.
struct VarState {
  std::uint8_t Facts = 0;
  /// A transfer that may have happened (for the note).
  SourceLocation Transfer;
  /// Where it got the buffer it may own (for the note).
  SourceLocation Acquired;

  bool operator==(const VarState &Other) const {
    return Facts == Other.Facts && Transfer == Other.Transfer &&
           Acquired == Other.Acquired;
  }
};

/// The typestate of every tracked variable; empty until a path reaches it.
struct FlowState {
  bool Reached = false;
  llvm::SmallVector<VarState, 4> Vars;

  /// Joins \p Other in; returns whether this changed.
  bool join(const FlowState &Other) {
    if (!Other.Reached)
      return false;
    if (!Reached) {
      *this = Other;
      return true;
    }
    bool Changed = false;
    for (unsigned I = 0; I < Vars.size(); ++I) {
      VarState &Mine = Vars[I];
      const VarState &Theirs = Other.Vars[I];
      std::uint8_t Facts = Mine.Facts | Theirs.Facts;
      if (Facts != Mine.Facts) {
        Mine.Facts = Facts;
        Changed = true;
      }
      if (Mine.Transfer.isInvalid() && Theirs.Transfer.isValid()) {
        Mine.Transfer = Theirs.Transfer;
        Changed = true;
      }
      if (Mine.Acquired.isInvalid() && Theirs.Acquired.isValid()) {
        Mine.Acquired = Theirs.Acquired;
        Changed = true;
      }
    }
    return Changed;
  }
};

/// Whether \p Type is a lease held by value or by rvalue reference.
bool isTrackedType(QualType Type) {
  if (Type->isLValueReferenceType())
    return false;
  return isLeaseType(Type.getNonReferenceType());
}

/// Collects the tracked variables declared in a function itself (not in
/// the lambdas or local classes inside it).
class TrackedVariables : public RecursiveASTVisitor<TrackedVariables> {
public:
  explicit TrackedVariables(const FunctionDecl *Function)
      : Function(Function) {}

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getParentFunctionOrMethod() != Function ||
        !Var->hasLocalStorage() || isa<ParmVarDecl>(Var) ||
        Var->getType()->isReferenceType() || !isLeaseType(Var->getType()))
      return true;
    Found.push_back(Var);
    return true;
  }

  const FunctionDecl *Function;
  std::vector<const VarDecl *> Found;
};

/// How a mention of a tracked variable acts on it.
enum class Mention {
  /// `v.is_empty()`, or the target of an assignment (handled there).
  NotAUse,
  /// Its ownership moves away here.
  Transfer,
  /// Anything else.
  Use,
};

/// The analysis of one function.
class FunctionFlow {
public:
  FunctionFlow(const FunctionDecl *Function, ASTContext &Context,
               LeaseFlowResult &Result, unsigned Budget)
      : Function(Function), Context(Context), Result(Result), Budget(Budget) {}

  void run();

private:
  /// The parent of \p E, through parentheses and implicit casts.
  DynTypedNode parentOf(const Expr *E, const Expr *&Child) const;
  /// What the mention \p Reference of a tracked variable does.
  Mention classify(const DeclRefExpr *Reference,
                   SourceLocation &TransferLocation) const;
  /// The tracked variable that \p E names, through parentheses and casts.
  std::optional<unsigned> trackedVariable(const Expr *E) const;
  /// Applies \p Element to \p State; reports when \p Report.
  void transfer(const CFGElement &Element, FlowState &State, bool Report);
  void transferStatement(const Stmt *S, FlowState &State, bool Report);
  /// Reports a variable that may own its buffer where it stops existing.
  void reportLost(unsigned Index, const VarState &Var, SourceLocation Where,
                  const char *How);
  /// Applies a whole block and hands its state to its successors.
  void processBlock(const CFGBlock &Block, bool Report);
  /// The branch on `v.is_empty()` that ends \p Block, if any: the variable
  /// and whether the true successor is the empty side.
  std::optional<std::pair<unsigned, bool>>
  emptinessBranch(const CFGBlock &Block) const;
  /// The name of tracked variable \p Index.
  std::string name(unsigned Index) const {
    return Variables[Index]->getNameAsString();
  }

  const FunctionDecl *Function;
  ASTContext &Context;
  LeaseFlowResult &Result;
  const unsigned Budget;
  std::unique_ptr<CFG> Graph;
  std::vector<const VarDecl *> Variables;
  llvm::DenseMap<const VarDecl *, unsigned> Index;
  std::vector<FlowState> In;
  std::deque<const CFGBlock *> Worklist;
  /// The block being reported on.
  const CFGBlock *Current = nullptr;
  std::set<std::tuple<int, unsigned, std::string>> Reported;
};

void FunctionFlow::run() {
  const Stmt *Body = Function->getBody();
  if (!Body)
    return;
  TrackedVariables Locals(Function);
  Locals.TraverseStmt(const_cast<Stmt *>(Body));
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->getInit())
        Locals.TraverseStmt(Init->getInit());
  for (const ParmVarDecl *Parameter : Function->parameters())
    if (isTrackedType(Parameter->getType()))
      Variables.push_back(Parameter);
  Variables.insert(Variables.end(), Locals.Found.begin(), Locals.Found.end());
  if (Variables.empty())
    return;
  for (unsigned I = 0; I < Variables.size(); ++I)
    Index[Variables[I]] = I;

  CFG::BuildOptions Options;
  Options.AddLifetime = true;
  Options.AddInitializers = true;
  Options.setAllAlwaysAdd();
  Graph = CFG::buildCFG(Function, const_cast<Stmt *>(Body), &Context, Options);
  if (!Graph)
    return;
  const std::uint64_t Blocks = Graph->getNumBlockIDs();
  Result.Blocks = Blocks;
  Result.Variables = Variables.size();
  if (Blocks * Variables.size() > Budget) {
    Result.Skipped = true;
    return;
  }

  In.assign(Blocks, FlowState());
  FlowState &Entry = In[Graph->getEntry().getBlockID()];
  Entry.Reached = true;
  Entry.Vars.resize(Variables.size());
  for (unsigned I = 0; I < Variables.size(); ++I)
    if (isa<ParmVarDecl>(Variables[I])) {
      Entry.Vars[I].Facts = MayOwn;
      Entry.Vars[I].Acquired = Variables[I]->getLocation();
    }
  const std::uint64_t Limit = Blocks * (2 * Variables.size() + 2) + 16;
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
  for (const CFGElement &Element : Block)
    transfer(Element, State, Report);

  const CFGBlock &Exit = Graph->getExit();
  bool LeavesFunction = false;
  for (const CFGBlock::AdjacentBlock &Successor : Block.succs())
    if (Successor.getReachableBlock() == &Exit)
      LeavesFunction = true;
  if (Report && LeavesFunction && !Block.hasNoReturnElement()) {
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
    for (unsigned I = 0; I < Variables.size(); ++I)
      if (isa<ParmVarDecl>(Variables[I]) && (State.Vars[I].Facts & MayOwn))
        reportLost(I, State.Vars[I], Where, How);
  }
  if (Report)
    return;

  std::optional<std::pair<unsigned, bool>> Branch = emptinessBranch(Block);
  unsigned Position = 0;
  for (const CFGBlock::AdjacentBlock &Successor : Block.succs()) {
    const CFGBlock *Next = Successor.getReachableBlock();
    const unsigned This = Position++;
    if (!Next)
      continue;
    FlowState Edge = State;
    if (Branch && Block.succ_size() == 2) {
      VarState &Var = Edge.Vars[Branch->first];
      const bool EmptySide = (This == 0) == Branch->second;
      if (EmptySide)
        Var.Facts = 0;
      else
        Var.Facts = (Var.Facts & MayOwn) ? std::uint8_t(MayOwn) : 0;
    }
    if (In[Next->getBlockID()].join(Edge))
      Worklist.push_back(Next);
  }
}

std::optional<std::pair<unsigned, bool>>
FunctionFlow::emptinessBranch(const CFGBlock &Block) const {
  if (Block.succ_size() != 2)
    return std::nullopt;
  const Expr *Condition = Block.getLastCondition();
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
  const auto *Call = dyn_cast<CXXMemberCallExpr>(Condition);
  if (!Call || !Call->getMethodDecl() ||
      !Call->getMethodDecl()->getIdentifier() ||
      Call->getMethodDecl()->getName() != "is_empty")
    return std::nullopt;
  std::optional<unsigned> Var =
      trackedVariable(Call->getImplicitObjectArgument());
  if (!Var)
    return std::nullopt;
  return std::make_pair(*Var, TrueIsEmpty);
}

std::optional<unsigned> FunctionFlow::trackedVariable(const Expr *E) const {
  if (!E)
    return std::nullopt;
  const auto *Reference = dyn_cast<DeclRefExpr>(E->IgnoreParenImpCasts());
  if (!Reference)
    return std::nullopt;
  const auto *Var = dyn_cast<VarDecl>(Reference->getDecl());
  if (!Var)
    return std::nullopt;
  auto Found = Index.find(Var);
  if (Found == Index.end())
    return std::nullopt;
  return Found->second;
}

DynTypedNode FunctionFlow::parentOf(const Expr *E, const Expr *&Child) const {
  Child = E;
  for (unsigned Depth = 0; Depth < 64; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(*Child);
    if (Parents.empty())
      return DynTypedNode();
    const auto *Parent = Parents[0].get<Expr>();
    if (Parent && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                      CXXBindTemporaryExpr, ExprWithCleanups>(Parent)) {
      Child = Parent;
      continue;
    }
    return Parents[0];
  }
  return DynTypedNode();
}

/// Whether \p E is `std::move(x)`-like: a call with one argument that
/// returns an rvalue reference, or a cast to an rvalue reference.
static bool isMoveExpression(const Expr *E) {
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Call->getNumArgs() == 1 &&
           Callee->getReturnType()->isRValueReferenceType();
  }
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E))
    return Cast->getTypeAsWritten()->isRValueReferenceType();
  return false;
}

Mention FunctionFlow::classify(const DeclRefExpr *Reference,
                               SourceLocation &TransferLocation) const {
  const Expr *Child = nullptr;
  DynTypedNode Parent = parentOf(Reference, Child);
  TransferLocation = Reference->getBeginLoc();
  if (const auto *Member = Parent.get<MemberExpr>()) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Member->getMemberDecl());
    if (Method && Method->getIdentifier() && Method->getName() == "is_empty")
      return Mention::NotAUse;
    return Mention::Use;
  }
  if (Parent.get<ReturnStmt>())
    return Mention::Transfer;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>();
      Operator && Operator->getOperator() == OO_Equal &&
      Operator->getNumArgs() == 2 && Operator->getArg(0) == Child)
    return Mention::NotAUse; // The assignment handles its target.
  // Moved (explicitly, or implicitly as the operand of a `return`).
  const Expr *Moved = Child;
  if (const auto *Expression = Parent.get<Expr>();
      Expression && isMoveExpression(Expression)) {
    TransferLocation = Expression->getBeginLoc();
    Parent = parentOf(Expression, Moved);
  } else if (!Reference->isXValue() && !Child->isXValue()) {
    if (!Parent.get<CXXConstructExpr>())
      return Mention::Use;
  }
  if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    if (Constructor && Constructor->isMoveConstructor())
      return Mention::Transfer;
    return Mention::Use;
  }
  if (Parent.get<ReturnStmt>())
    return Mention::Transfer;
  if (const auto *Operator = Parent.get<CXXOperatorCallExpr>();
      Operator && Operator->getOperator() == OO_Equal &&
      Operator->getNumArgs() == 2 && Operator->getArg(1) == Moved)
    return Mention::Transfer;
  if (const auto *Call = Parent.get<CallExpr>()) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (!Callee)
      return Mention::Transfer; // An rvalue given away.
    const unsigned Offset =
        isa<CXXOperatorCallExpr>(Call) && isa<CXXMethodDecl>(Callee) ? 1 : 0;
    for (unsigned I = 0; I < Call->getNumArgs(); ++I)
      if (Call->getArg(I) == Moved && I >= Offset &&
          I - Offset < Callee->getNumParams() &&
          Callee->getParamDecl(I - Offset)->getType()->isRValueReferenceType())
        return Mention::Transfer;
    return Mention::Use;
  }
  return Mention::Use;
}

void FunctionFlow::reportLost(unsigned Index, const VarState &Var,
                              SourceLocation Where, const char *How) {
  if (Where.isInvalid())
    return;
  const bool Maybe = Var.Facts & MayMoved;
  std::string Message = "lease '" + name(Index) + "' " +
                        (Maybe ? "may still own" : "still owns") +
                        " its buffer " + How +
                        "; the buffer is lost for good (hand it back or "
                        "move it on before this point)";
  if (!Reported.emplace(1, Where.getRawEncoding(), Message).second)
    return;
  LeaseFlowFinding Finding;
  Finding.Rule = LeaseFlowFinding::Dropped;
  Finding.Location = Where;
  Finding.Message = std::move(Message);
  if (Var.Acquired.isValid())
    Finding.Notes.emplace_back(Var.Acquired, "lease '" + name(Index) +
                                                 "' got its buffer here");
  // The branch that leads here, when the path into this place has one:
  // this block's own branch straight out of the function, or the branch
  // before it.
  const CFGBlock *Block = Current;
  if (Block && Block->succ_size() == 2 && Block->getTerminatorCondition())
    for (unsigned Side = 0; Side < 2; ++Side)
      if (Block->succ_begin()[Side].getReachableBlock() == &Graph->getExit()) {
        Finding.Notes.emplace_back(
            Block->getTerminatorCondition()->getBeginLoc(),
            std::string("on the path where this condition is ") +
                (Side == 0 ? "true" : "false"));
        Block = nullptr;
        break;
      }
  for (unsigned Depth = 0; Block && Depth < 8; ++Depth) {
    if (Block->pred_size() != 1)
      break;
    const CFGBlock *Before = Block->pred_begin()->getReachableBlock();
    if (!Before)
      break;
    if (Before->succ_size() == 2)
      if (const Stmt *Condition = Before->getTerminatorCondition()) {
        const bool TrueSide =
            Before->succ_begin()->getReachableBlock() == Block;
        Finding.Notes.emplace_back(
            Condition->getBeginLoc(),
            std::string("on the path where this condition is ") +
                (TrueSide ? "true" : "false"));
        break;
      }
    Block = Before;
  }
  Result.Findings.push_back(std::move(Finding));
}

void FunctionFlow::transfer(const CFGElement &Element, FlowState &State,
                            bool Report) {
  if (auto S = Element.getAs<CFGStmt>()) {
    transferStatement(S->getStmt(), State, Report);
    return;
  }
  if (auto Init = Element.getAs<CFGInitializer>()) {
    // The initializer's expressions are elements of their own.
    return;
  }
  if (auto Ends = Element.getAs<CFGLifetimeEnds>()) {
    auto Found = Index.find(Ends->getVarDecl());
    if (Found == Index.end())
      return;
    VarState &Var = State.Vars[Found->second];
    if (Report && (Var.Facts & MayOwn)) {
      const Stmt *Trigger = Ends->getTriggerStmt();
      SourceLocation Where;
      const char *How = "when it goes out of scope";
      if (const auto *Block = dyn_cast_or_null<CompoundStmt>(Trigger))
        Where = Block->getRBracLoc();
      else if (Trigger)
        Where = Trigger->getBeginLoc();
      if (Trigger && isa<ReturnStmt>(Trigger))
        How = "when the function returns";
      reportLost(Found->second, Var, Where, How);
    }
    Var = VarState();
  }
}

void FunctionFlow::transferStatement(const Stmt *S, FlowState &State,
                                     bool Report) {
  if (const auto *Reference = dyn_cast<DeclRefExpr>(S)) {
    std::optional<unsigned> Found = trackedVariable(Reference);
    if (!Found)
      return;
    VarState &Var = State.Vars[*Found];
    SourceLocation TransferLocation;
    Mention What = classify(Reference, TransferLocation);
    if (What == Mention::NotAUse)
      return;
    if ((Var.Facts & MayMoved) && Report) {
      const bool Maybe = Var.Facts & MayOwn;
      std::string Message =
          "lease '" + name(*Found) + "' is used after its ownership was " +
          "transferred" + (Maybe ? " on some path" : "") +
          "; it owns no buffer here (reassign it first, or check "
          "is_empty())";
      if (Reported
              .emplace(0, Reference->getBeginLoc().getRawEncoding(), Message)
              .second) {
        LeaseFlowFinding Finding;
        Finding.Rule = LeaseFlowFinding::UseAfterTransfer;
        Finding.Location = Reference->getBeginLoc();
        Finding.Message = std::move(Message);
        if (Var.Transfer.isValid())
          Finding.Notes.emplace_back(Var.Transfer, "lease '" + name(*Found) +
                                                       "' transferred here");
        Result.Findings.push_back(std::move(Finding));
      }
    }
    if (What == Mention::Transfer) {
      Var.Facts = MayMoved;
      Var.Transfer = TransferLocation;
      Var.Acquired = SourceLocation();
    }
    return;
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (Operator->getOperator() != OO_Equal || Operator->getNumArgs() != 2)
      return;
    std::optional<unsigned> Found = trackedVariable(Operator->getArg(0));
    if (!Found)
      return;
    VarState &Var = State.Vars[*Found];
    if (Report && (Var.Facts & MayOwn))
      reportLost(*Found, Var, Operator->getOperatorLoc(),
                 "when it is overwritten");
    Var = VarState();
    const Expr *Source = Operator->getArg(1)->IgnoreImplicit();
    const auto *Construct = dyn_cast<CXXConstructExpr>(Source);
    if (!(Construct && Construct->getNumArgs() == 0)) {
      Var.Facts = MayOwn;
      Var.Acquired = Operator->getBeginLoc();
    }
    return;
  }
  if (const auto *Declaration = dyn_cast<DeclStmt>(S)) {
    for (const Decl *D : Declaration->decls()) {
      const auto *Var = dyn_cast<VarDecl>(D);
      auto Found = Var ? Index.find(Var) : Index.end();
      if (Found == Index.end())
        continue;
      VarState &State_ = State.Vars[Found->second];
      State_ = VarState();
      const Expr *Init = Var->getInit();
      if (Init)
        Init = Init->IgnoreImplicit();
      const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(Init);
      if (Init && !(Construct && Construct->getNumArgs() == 0)) {
        State_.Facts = MayOwn;
        State_.Acquired = Var->getLocation();
      }
    }
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
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function)) {
    QualType Class(Method->getParent()->getTypeForDecl(), 0);
    if (isLeaseType(Class) || isCellType(Class))
      return false;
  }
  return true;
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
  std::unique_ptr<LeaseFlowResult> &Result = Results[Function];
  if (!Result) {
    Result = std::make_unique<LeaseFlowResult>();
    FunctionFlow(Function, Context, *Result, Budget).run();
  }
  return *Result;
}

} // namespace clang::tidy::leash
