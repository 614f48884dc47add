//===--- IsrSharedAccessCheck.cpp - leash-isr-shared-access ---------------===//

#include "IsrSharedAccessCheck.h"

#include "utils/AstWalk.h"
#include "utils/Sharing.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// How many steps (parentheses, casts, member accesses, subscripts) lead
/// at most from a cell's use down to the parameter it is reached through.
constexpr unsigned MaxAccessSteps = 16;

/// Whether \p E names a cell (or an object made only of cells).
bool namesCell(const Expr *E, const ASTContext &Context) {
  QualType Type = E->getType();
  // A component made only of cells is reached through calls, which are
  // reported as calls into the component.
  return !Type.isNull() && !Type->isDependentType() &&
         isMadeOfCells(Type, Context) &&
         !isComponentType(Context.getBaseElementType(Type));
}

/// Whether the cell \p E names is part of a larger named cell expression
/// (`state_` in `state_.retries`, `slots_` in `slots_[1]`), which is the one
/// reported.
bool isInsideLargerCellName(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Depth = 0; Depth < MaxNearAncestors; ++Depth) {
    Node = parentOf(Node, Context);
    if (Node.getNodeKind().isNone())
      return false;
    if (Node.get<ImplicitCastExpr>() || Node.get<ParenExpr>())
      continue;
    if (const auto *Member = Node.get<MemberExpr>())
      return isa<FieldDecl>(Member->getMemberDecl()) &&
             namesCell(Member, Context);
    if (const auto *Subscript = Node.get<ArraySubscriptExpr>())
      return namesCell(Subscript, Context);
    if (const auto *Operator = Node.get<CXXOperatorCallExpr>())
      return Operator->getOperator() == OO_Subscript &&
             namesCell(Operator, Context);
    return false;
  }
  return false;
}

/// The name of the cell \p E names, for a message (the array's for an
/// element).
const NamedDecl *cellName(const Expr *E) {
  E = E->IgnoreParenImpCasts();
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E))
    return Reference->getDecl();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl();
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
    return cellName(Subscript->getBase());
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
    if (Operator->getOperator() == OO_Subscript && Operator->getNumArgs() > 0)
      return cellName(Operator->getArg(0));
  return nullptr;
}

/// The component whose member \p Call calls, if any.
const CXXRecordDecl *calledComponent(const Expr *Call) {
  const CXXMethodDecl *Method = nullptr;
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    Method = Member->getMethodDecl();
  else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Call))
    Method = dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
  if (!Method || Method->isStatic())
    return nullptr;
  const CXXRecordDecl *Class = Method->getParent();
  if (const auto *Member = dyn_cast<CXXMemberCallExpr>(Call))
    if (const Expr *Object = Member->getImplicitObjectArgument()) {
      QualType Type = Object->IgnoreParenImpCasts()->getType();
      if (Type->isPointerType())
        Type = Type->getPointeeType();
      if (const CXXRecordDecl *Record = recordOf(Type))
        Class = Record;
    }
  if (!isComponentType(QualType(Class->getTypeForDecl(), 0)))
    return nullptr;
  return Class;
}

/// Whether \p E is part of a parameter's default argument: written at the
/// function's declaration, evaluated at each call that leaves it out.
bool isInDefaultArgument(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  for (unsigned Depth = 0; Depth < MaxImplicitLayers; ++Depth) {
    Node = parentOf(Node, Context);
    if (Node.getNodeKind().isNone())
      return false;
    if (Node.get<ParmVarDecl>())
      return true;
    if (Node.get<Decl>())
      return false;
  }
  return false;
}

/// The parameter of \p Function that the cell named by \p Use is reached
/// through (`cell` in `cell.get()`, `table` in `table->slots[1]`), if any.
const ParmVarDecl *parameterBehind(const Expr *Use,
                                   const FunctionDecl *Function) {
  const Expr *E = Use;
  for (unsigned Depth = 0; E && Depth < MaxAccessSteps; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Reference = dyn_cast<DeclRefExpr>(E)) {
      const auto *Parameter = dyn_cast<ParmVarDecl>(Reference->getDecl());
      return Parameter && Parameter->getDeclContext() == Function ? Parameter
                                                                  : nullptr;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      E = Member->getBase();
    else if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      E = Subscript->getBase();
    else if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      E = Unary->getOpcode() == UO_Deref ? Unary->getSubExpr() : nullptr;
    else if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
      E = (Operator->getOperator() == OO_Subscript ||
           Operator->getOperator() == OO_Star ||
           Operator->getOperator() == OO_Arrow) &&
                  Operator->getNumArgs() > 0
              ? Operator->getArg(0)
              : nullptr;
    else
      return nullptr;
  }
  return nullptr;
}

/// The argument of \p Call that binds \p Parameter, if any.
const Expr *argumentFor(const CallExpr *Call, const ParmVarDecl *Parameter) {
  const FunctionDecl *Callee = Call->getDirectCallee();
  // A member operator's object is its first argument.
  const unsigned Offset =
      isa<CXXOperatorCallExpr>(Call) && isa_and_nonnull<CXXMethodDecl>(Callee)
          ? 1
          : 0;
  const unsigned Index = Parameter->getFunctionScopeIndex() + Offset;
  return Index < Call->getNumArgs() ? Call->getArg(Index) : nullptr;
}

/// \p Function, or the template it was instantiated from: a finding in a
/// template is reported once, naming the template.
const FunctionDecl *asWritten(const FunctionDecl *Function) {
  if (const FunctionDecl *Pattern =
          Function->getTemplateInstantiationPattern(/*ForDefinition=*/false))
    return Pattern;
  return Function;
}

} // namespace

void IsrSharedAccessCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(functionDecl(isDefinition(), hasBody(stmt()),
                                  unless(isExpansionInSystemHeader()))
                         .bind("function"),
                     this);
}

void IsrSharedAccessCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Handler = Result.Nodes.getNodeAs<FunctionDecl>("function");
  if (!isInterruptFunction(Handler))
    return;
  ASTContext &Context = *Result.Context;
  checkBody(Handler->getBody(), Handler, Handler, nullptr, Context);

  // The functions of this translation unit that the handler calls directly.
  auto Calls =
      match(findAll(callExpr().bind("call")), *Handler->getBody(), Context);
  for (const BoundNodes &Nodes : Calls) {
    const auto *Call = Nodes.getNodeAs<CallExpr>("call");
    const FunctionDecl *Callee = Call->getDirectCallee();
    // The members of cells and leases implement the vocabulary: what they
    // do to their object is the call's use of it, reported in the handler.
    if (!Callee || calledComponent(Call) || isInterruptFunction(Callee) ||
        isVocabularyImplementation(Callee))
      continue;
    const FunctionDecl *Definition = nullptr;
    if (!Callee->hasBody(Definition) || !Definition ||
        Context.getSourceManager().isInSystemHeader(Definition->getLocation()))
      continue;
    checkBody(Definition->getBody(), Definition, Handler, Call, Context);
  }
}

void IsrSharedAccessCheck::checkBody(const Stmt *Body,
                                     const FunctionDecl *Function,
                                     const FunctionDecl *Handler,
                                     const CallExpr *Call,
                                     ASTContext &Context) {
  if (!Body)
    return;
  const auto Matcher =
      findAll(expr(anyOf(declRefExpr(), memberExpr(), arraySubscriptExpr(),
                         cxxMemberCallExpr(), cxxOperatorCallExpr()))
                  .bind("use"));
  for (const BoundNodes &Nodes : match(Matcher, *Body, Context)) {
    const auto *Use = Nodes.getNodeAs<Expr>("use");
    // A default argument is written at the callee's declaration (which may
    // be the vocabulary's); it is used at the call, reported below.
    if (!isInDefaultArgument(Use, Context))
      checkUse(Use, SourceLocation(), Function, Handler, Call, Context);
  }
  for (const BoundNodes &Nodes :
       match(findAll(cxxDefaultArgExpr().bind("default")), *Body, Context)) {
    const auto *Default = Nodes.getNodeAs<CXXDefaultArgExpr>("default");
    for (const BoundNodes &Inner : match(Matcher, *Default->getExpr(), Context))
      checkUse(Inner.getNodeAs<Expr>("use"), Default->getUsedLocation(),
               Function, Handler, Call, Context);
  }
}

void IsrSharedAccessCheck::checkUse(const Expr *Use, SourceLocation UsedAt,
                                    const FunctionDecl *Function,
                                    const FunctionDecl *Handler,
                                    const CallExpr *Call, ASTContext &Context) {
  const CXXRecordDecl *Component = nullptr;
  const NamedDecl *Cell = nullptr;
  const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Use);
  bool Subscript = Operator && Operator->getOperator() == OO_Subscript;
  if (isa<CXXMemberCallExpr>(Use) || (Operator && !Subscript)) {
    Component = calledComponent(Use);
    if (!Component)
      return;
  } else {
    if (!namesCell(Use, Context) || isInsideLargerCellName(Use, Context))
      return;
    Cell = cellName(Use);
    if (!Cell)
      return;
  }
  const Expr *At = Use;
  const FunctionDecl *In = Function;
  const CallExpr *Through = Call;
  if (Call && Cell)
    if (const ParmVarDecl *Parameter = parameterBehind(Use, Function)) {
      // A cell the handler gives to the helper is the handler's use, at
      // its argument (where the handler names it, and where the fix
      // goes), never inside the helper: the helper may be the
      // vocabulary's own (`leash::increment(cell)`).
      const Expr *Argument = argumentFor(Call, Parameter);
      if (!Argument)
        return;
      At = Argument->IgnoreParenImpCasts();
      // A default argument is used where the call is (the handler's
      // scan reports the cells in it there).
      if (const auto *Default = dyn_cast<CXXDefaultArgExpr>(At)) {
        UsedAt = Default->getUsedLocation();
        At = Default->getExpr()->IgnoreParenImpCasts();
      }
      if (const auto *Address = dyn_cast<UnaryOperator>(At);
          Address && Address->getOpcode() == UO_AddrOf)
        At = Address->getSubExpr()->IgnoreParenImpCasts();
      if (const NamedDecl *Named = cellName(At))
        Cell = Named;
      In = Handler;
      Through = nullptr;
    }
  SourceLocation Location = UsedAt.isValid() ? UsedAt : At->getExprLoc();
  if (Location.isMacroID())
    Location = Context.getSourceManager().getExpansionLoc(Location);
  if (!Reported.insert(Location).second)
    return;
  bool InHelper = Through != nullptr;
  const FunctionDecl *Written = asWritten(In);
  const FunctionDecl *WrittenHandler = asWritten(Handler);
  if (Component) {
    const auto *Callee = cast<CallExpr>(Use)->getDirectCallee();
    diag(Location, "call to %0 of component %1 in %select{interrupt "
                   "handler %3|%2, which interrupt handler %3 calls}4; "
                   "interrupt handlers only acknowledge the hardware and "
                   "defer the work to the kernel loop")
        << Callee << Component << Written << WrittenHandler << InHelper;
  } else {
    diag(Location, "use of cell %0 in %select{interrupt handler %2|%1, "
                   "which interrupt handler %2 calls}3; cells are not "
                   "interrupt-safe: acknowledge the hardware and defer the "
                   "work to the kernel loop")
        << Cell << Written << WrittenHandler << InHelper;
  }
  if (InHelper)
    diag(Through->getBeginLoc(), "called from interrupt handler %0 here",
         DiagnosticIDs::Note)
        << WrittenHandler;
  else
    diag(WrittenHandler->getLocation(), "interrupt handler %0 declared here",
         DiagnosticIDs::Note)
        << WrittenHandler;
}

} // namespace clang::tidy::leash
