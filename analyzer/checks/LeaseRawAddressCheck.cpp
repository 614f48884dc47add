//===--- LeaseRawAddressCheck.cpp - leash-lease-raw-address ---------------===//

#include "LeaseRawAddressCheck.h"
#include "utils/AstWalk.h"
#include "utils/LeaseVocabulary.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// Why a raw address is kept too long, and where that shows.
struct Escape {
  std::string What;
  /// A use of the local that the address was stored in, if that is why.
  const Expr *Use = nullptr;
};

/// Whether \p Type is a register: volatile, or a class with a volatile data
/// member (a tock-registers-style wrapper).
bool isRegisterType(QualType Type, const ASTContext &Context) {
  if (Type.isNull())
    return false;
  Type = Type.getNonReferenceType();
  if (Type.isVolatileQualified())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  for (const FieldDecl *Field : Record->fields())
    if (Context.getBaseElementType(Field->getType()).isVolatileQualified())
      return true;
  return false;
}

/// Whether \p Call writes a hardware register: a non-const member of a
/// register, or a function taking a reference or pointer to volatile.
bool isRegisterWrite(const CallExpr *Call, const ASTContext &Context) {
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call)) {
    const CXXMethodDecl *Method = Member->getMethodDecl();
    if (Method && !Method->isConst() && !Method->isStatic() &&
        isRegisterType(Member->getObjectType(), Context))
      return true;
  }
  const FunctionDecl *Callee = Call->getDirectCallee();
  if (!Callee)
    return false;
  for (const ParmVarDecl *Parameter : Callee->parameters()) {
    QualType Type = Parameter->getType();
    if ((Type->isReferenceType() || Type->isPointerType()) &&
        Type->getPointeeType().isVolatileQualified())
      return true;
  }
  return false;
}

/// Follows the value of \p E up through the expressions that carry it
/// (parentheses, casts, address arithmetic, a conditional's branches) to
/// where it is used; returns that node and the child leading to it.
std::pair<DynTypedNode, const Expr *> sinkOf(const Expr *E,
                                             ASTContext &Context) {
  const Expr *Child = nullptr;
  DynTypedNode Sink = parentThrough(
      Context, E, Child, [](const Expr *Parent, const Expr *Carried) {
        const auto *Binary = dyn_cast<BinaryOperator>(Parent);
        const auto *Conditional = dyn_cast<ConditionalOperator>(Parent);
        return isa<ParenExpr, CastExpr, MaterializeTemporaryExpr,
                   ExprWithCleanups, CXXBindTemporaryExpr>(Parent) ||
               (Binary && Binary->isAdditiveOp()) ||
               (Conditional && Carried != Conditional->getCond());
      });
  return {Sink, Child};
}

/// Decides whether a raw address is kept beyond a register write.
class EscapeFinder {
public:
  explicit EscapeFinder(ASTContext &Context) : Context(Context) {}

  /// Where the value of \p E (a raw address) goes, if it is kept.
  std::optional<Escape> find(const Expr *E) {
    auto [Node, Child] = sinkOf(E, Context);
    if (const auto *Var = Node.get<VarDecl>())
      return intoVariable(Var);
    if (Node.get<FieldDecl>())
      return Escape{"stored in a member"};
    const auto *Parent = Node.get<Stmt>();
    if (!Parent)
      return std::nullopt;
    if (const auto *Assign = dyn_cast<BinaryOperator>(Parent)) {
      if (Assign->getOpcode() != BO_Assign || Assign->getRHS() != Child)
        return std::nullopt;
      return assignedTo(Assign->getLHS());
    }
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Parent);
        Operator && Operator->getOperator() == OO_Equal &&
        Operator->getNumArgs() == 2 && Operator->getArg(1) == Child)
      return assignedTo(Operator->getArg(0));
    if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
      if (Call->getCallee() == Child || isRegisterWrite(Call, Context))
        return std::nullopt;
      const FunctionDecl *Callee = Call->getDirectCallee();
      if (Callee && isUnsafeApi(Callee))
        return std::nullopt;
      return Escape{Callee ? "passed to '" + Callee->getNameAsString() +
                                 "', which may keep it"
                           : std::string("passed to a call that may keep it")};
    }
    if (isa<ReturnStmt>(Parent))
      return Escape{"returned"};
    if (isa<CXXConstructExpr, InitListExpr, CXXParenListInitExpr>(Parent))
      return Escape{"stored in an object"};
    return std::nullopt; // Compared, dereferenced, discarded: nothing kept.
  }

private:
  /// The address assigned to \p Target.
  std::optional<Escape> assignedTo(const Expr *Target) {
    if (isRegisterType(Target->getType(), Context))
      return std::nullopt;
    Target = Target->IgnoreParenImpCasts();
    if (const auto *Reference = dyn_cast<DeclRefExpr>(Target))
      if (const auto *Var = dyn_cast<VarDecl>(Reference->getDecl()))
        return intoVariable(Var);
    if (const auto *Member = dyn_cast<MemberExpr>(Target))
      return Escape{"stored in member '" +
                    Member->getMemberDecl()->getNameAsString() + "'"};
    return Escape{"stored through a pointer or reference"};
  }

  /// The address stored in \p Var.
  std::optional<Escape> intoVariable(const VarDecl *Var) {
    if (Var->isInitCapture())
      return Escape{"captured by a lambda"};
    if (!Var->hasLocalStorage() || isa<ParmVarDecl>(Var))
      return Escape{"stored in '" + Var->getNameAsString() + "'"};
    if (Var->getType()->isReferenceType())
      return Escape{"stored in '" + Var->getNameAsString() + "'"};
    if (!Checking.insert(Var).second || Checking.size() > 8)
      return std::nullopt; // Already being looked at.
    std::optional<Escape> Result;
    if (const Expr *Use = otherUse(Var))
      Result = Escape{"stored in local '" + Var->getNameAsString() +
                          "', which is used other than to write a hardware "
                          "register",
                      Use};
    Checking.erase(Var);
    return Result;
  }

  /// A use of the local \p Var that keeps its value, or null.
  const Expr *otherUse(const VarDecl *Var) {
    const auto *Function = dyn_cast<FunctionDecl>(Var->getDeclContext());
    if (!Function || !Function->getBody())
      return nullptr;
    for (const BoundNodes &Match :
         match(findAll(declRefExpr(to(varDecl(equalsNode(Var)))).bind("use")),
               *Function->getBody(), Context)) {
      const auto *Use = Match.getNodeAs<DeclRefExpr>("use");
      DynTypedNodeList Parents = Context.getParents(*Use);
      if (!Parents.empty())
        if (const auto *Assign = Parents[0].get<BinaryOperator>();
            Assign && Assign->isAssignmentOp() && Assign->getLHS() == Use)
          continue; // The local is written, not read.
      if (find(Use))
        return Use;
    }
    return nullptr;
  }

  ASTContext &Context;
  llvm::SmallPtrSet<const VarDecl *, 8> Checking;
};

} // namespace

void LeaseRawAddressCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(cxxMemberCallExpr().bind("call"), this);
}

void LeaseRawAddressCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Call = Result.Nodes.getNodeAs<CXXMemberCallExpr>("call");
  if (!isLeaseRawAddressCall(Call))
    return;
  if (!Contexts)
    Contexts = std::make_unique<UnsafeContext>(*Result.Context);
  const FunctionDecl *Function = Contexts->enclosingFunction(Call);
  if (Contexts->isImplicitCode(Call) ||
      (Function && Function->isDependentContext()))
    return;
  EscapeFinder Escapes(*Result.Context);
  std::optional<Escape> Found = Escapes.find(Call);
  if (!Found)
    return;
  const SourceManager &Sources = *Result.SourceManager;
  SourceLocation Location = Sources.getExpansionLoc(Call->getExprLoc());
  if (!Reported.insert(Location).second)
    return;
  diag(Location, "raw address of a lease %0; the raw alias must not outlive "
                 "the statement that gives it to the hardware")
      << Found->What;
  if (Found->Use)
    diag(Sources.getExpansionLoc(Found->Use->getBeginLoc()), "used here",
         DiagnosticIDs::Note);
}

void LeaseRawAddressCheck::onEndOfTranslationUnit() {
  Contexts.reset();
  Reported.clear();
}

} // namespace clang::tidy::leash
