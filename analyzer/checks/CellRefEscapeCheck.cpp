//===--- CellRefEscapeCheck.cpp - leash-cell-ref-escape -------------------===//

#include "CellRefEscapeCheck.h"

#include "utils/AstWalk.h"
#include "utils/CellMaps.h"
#include "utils/MemberRoles.h"
#include "utils/ObjectPaths.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/SmallPtrSet.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// How many steps (casts, member accesses, subscripts, address
/// arithmetic) an alias of the lent object is followed through at most.
constexpr unsigned MaxAliasSteps = 16;

/// Whether \p Type can carry an alias: a pointer, a reference, or a view
/// (`std::span`, `std::basic_string_view`).
bool carriesAlias(QualType Type) {
  if (Type.isNull())
    return false;
  if (Type->isPointerType() || Type->isReferenceType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  return Record && Record->isInStdNamespace() && Record->getIdentifier() &&
         (Record->getName() == "span" ||
          Record->getName() == "basic_string_view");
}

/// The variables declared in \p Lambda's body (and in lambdas inside it), in
/// source order.
llvm::SmallVector<const VarDecl *, 8> localsOf(const LambdaExpr *Lambda,
                                               ASTContext &Context) {
  llvm::SmallVector<const VarDecl *, 8> Locals;
  auto Statements = match(findAll(declStmt().bind("declarations")),
                          *Lambda->getBody(), Context);
  for (const BoundNodes &Nodes : Statements)
    for (const Decl *D : Nodes.getNodeAs<DeclStmt>("declarations")->decls())
      if (const auto *Variable = dyn_cast<VarDecl>(D))
        Locals.push_back(Variable);
  return Locals;
}

/// The variables that alias the lent reference: the lambda's parameter, and
/// its locals initialized with an alias of it.
class Aliases {
public:
  Aliases(const LambdaExpr *Lambda, ASTContext &Context) {
    const CXXMethodDecl *Call = Lambda->getCallOperator();
    for (const ParmVarDecl *Parameter : Call->parameters())
      if (Parameter->getType()->isReferenceType() ||
          Parameter->getType()->isPointerType())
        Variables.insert(Parameter);
    // A local is an alias if its initializer is; declarations come in
    // source order, so one pass sees an alias before its uses.
    for (const VarDecl *Local : localsOf(Lambda, Context))
      if (Local->hasInit() && carriesAlias(Local->getType()) &&
          isAlias(Local->getInit()))
        Variables.insert(Local);
  }

  /// Whether \p E designates or points into the lent object.
  bool isAlias(const Expr *E, unsigned Depth = 0) const {
    if (!E || Depth > MaxAliasSteps)
      return false;
    // A value read out of an lvalue is a copy of what is stored there: it
    // points into the lent object only when it is read from a variable that
    // holds such a pointer. A pointer member of the object points elsewhere.
    while (true) {
      if (const auto *Parens = dyn_cast<ParenExpr>(E)) {
        E = Parens->getSubExpr();
      } else if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E)) {
        if (Cast->getCastKind() == CK_LValueToRValue)
          return readsAlias(Cast->getSubExpr());
        E = Cast->getSubExpr();
      } else if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E);
                 Cast && (Cast->getCastKind() == CK_ConstructorConversion ||
                          Cast->getCastKind() == CK_NoOp)) {
        // `std::span<T>(value.bytes)`: the cast is the construction.
        E = Cast->getSubExpr();
      } else {
        break;
      }
    }
    if (const auto *Reference = dyn_cast<DeclRefExpr>(E))
      return Variables.count(Reference->getDecl()) != 0;
    if (const auto *Call = dyn_cast<CallExpr>(E); isMoveLike(Call))
      return readsAlias(Call->getArg(0));
    if (const auto *Unary = dyn_cast<UnaryOperator>(E))
      if (Unary->getOpcode() == UO_AddrOf || Unary->getOpcode() == UO_Deref)
        return isAlias(Unary->getSubExpr(), Depth + 1);
    if (const auto *Member = dyn_cast<MemberExpr>(E))
      return isa<FieldDecl>(Member->getMemberDecl()) &&
             isAlias(Member->getBase(), Depth + 1);
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E))
      return isAlias(Subscript->getBase(), Depth + 1);
    if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E))
      return carriesAlias(Call->getType()) || Call->isGLValue()
                 ? objectIsAlias(Call->getImplicitObjectArgument(), Depth + 1)
                 : false;
    if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E))
      if (Operator->getNumArgs() > 0 &&
          (Operator->isGLValue() || carriesAlias(Operator->getType())))
        return objectIsAlias(Operator->getArg(0), Depth + 1);
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      if (!carriesAlias(Construct->getType()))
        return false;
      // A view copied from an lvalue is a value read out of it.
      if (Construct->getNumArgs() == 1 && Construct->getConstructor() &&
          Construct->getConstructor()->isCopyOrMoveConstructor() &&
          !isTemporary(Construct->getArg(0)))
        return readsAlias(Construct->getArg(0));
      for (const Expr *Argument : Construct->arguments())
        if (isAlias(Argument, Depth + 1))
          return true;
    }
    if (const auto *Cleanups = dyn_cast<ExprWithCleanups>(E))
      return isAlias(Cleanups->getSubExpr(), Depth + 1);
    if (const auto *Temporary = dyn_cast<MaterializeTemporaryExpr>(E))
      return isAlias(Temporary->getSubExpr(), Depth + 1);
    if (const auto *Bind = dyn_cast<CXXBindTemporaryExpr>(E))
      return isAlias(Bind->getSubExpr(), Depth + 1);
    return false;
  }

  /// Whether copying the value stored in the lvalue \p E copies a pointer
  /// or a view into the lent object: \p E names a variable (not a
  /// reference) that holds one. What is stored in the object itself, or
  /// behind a reference into it, is the object's data, not derived from the
  /// lent reference.
  bool readsAlias(const Expr *E) const {
    // A view or pointer moved out of a variable (`std::move(view)`) is the
    // value it held.
    const auto *Reference =
        dyn_cast<DeclRefExpr>(ignoringMoves(E)->IgnoreParenImpCasts());
    return Reference && !Reference->getDecl()->getType()->isReferenceType() &&
           Variables.count(Reference->getDecl()) != 0;
  }

  /// Whether what a member function of \p Object returns may point into
  /// the lent object: \p Object is part of it, or, for a view (whose
  /// members point into the memory it views), holds a view into it.
  bool objectIsAlias(const Expr *Object, unsigned Depth) const {
    if (!Object)
      return false;
    QualType Type = Object->getType();
    if (Type->isRecordType() && carriesAlias(Type) && Object->isGLValue())
      return readsAlias(Object);
    return isAlias(Object, Depth);
  }

  /// Whether \p E is a temporary (a prvalue, materialized or not), whose
  /// copy is what it was made from, rather than an lvalue whose stored
  /// value a copy reads.
  static bool isTemporary(const Expr *E) {
    E = E->IgnoreParenImpCasts();
    return isa<MaterializeTemporaryExpr, CXXBindTemporaryExpr>(E) ||
           E->isPRValue();
  }

  /// Whether \p Variable aliases the lent reference.
  bool contains(const VarDecl *Variable) const {
    return Variables.count(Variable) != 0;
  }

private:
  llvm::SmallPtrSet<const Decl *, 8> Variables;
};

/// Whether \p Variable is declared inside \p Lambda.
bool isDeclaredIn(const VarDecl *Variable, const LambdaExpr *Lambda) {
  for (const DeclContext *Context = Variable->getDeclContext(); Context;
       Context = Context->getParent())
    if (Context == Lambda->getCallOperator())
      return true;
  return false;
}

/// What an assignment's target is, if it outlives the call: 0 a data
/// member, 1 a variable of static storage duration or declared outside the
/// lambda; else none.
std::optional<std::pair<int, const NamedDecl *>>
outlivingTarget(const Expr *Target, const LambdaExpr *Lambda) {
  Target = Target->IgnoreParenImpCasts();
  if (const auto *Member = dyn_cast<MemberExpr>(Target))
    return std::make_pair(0, cast<NamedDecl>(Member->getMemberDecl()));
  if (const auto *Reference = dyn_cast<DeclRefExpr>(Target))
    if (const auto *Variable = dyn_cast<VarDecl>(Reference->getDecl()))
      if (Variable->hasGlobalStorage() || !isDeclaredIn(Variable, Lambda))
        return std::make_pair(1, cast<NamedDecl>(Variable));
  return std::nullopt;
}

} // namespace

void CellRefEscapeCheck::registerMatchers(MatchFinder *Finder) {
  // Which calls lend is known by their role (check() asks), not by name.
  Finder->addMatcher(
      cxxMemberCallExpr(unless(isExpansionInSystemHeader())).bind("map"), this);
}

void CellRefEscapeCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Map = Result.Nodes.getNodeAs<CXXMemberCallExpr>("map");
  ASTContext &Context = *Result.Context;
  if (!isLendingMap(Map))
    return;
  std::string Cell = spelling(Map->getImplicitObjectArgument(), Context);
  for (const Expr *Argument : Map->arguments()) {
    const LambdaExpr *Lambda = lambdaOf(Argument);
    if (!Lambda || !Lambda->getBody())
      continue;
    Aliases Lent(Lambda, Context);
    auto Report = [&](SourceLocation Location, int How,
                      const NamedDecl *Target) {
      if (Location.isMacroID())
        Location = Context.getSourceManager().getExpansionLoc(Location);
      if (!Reported.insert(Location).second)
        return;
      diag(Location, "reference lent by '%0' on '%1' escapes the call: "
                     "%select{stored in data member %3|stored in %3, which "
                     "outlives the call|stored in static local %3|stored in "
                     "a cell|returned from the callable}2")
          << calledName(Map) << Cell << How << Target;
      diag(Map->getExprLoc(), "cell mapped here", DiagnosticIDs::Note);
    };

    auto Escapes = match(
        findAll(stmt(anyOf(
            binaryOperator(isAssignmentOperator()).bind("assign"),
            cxxOperatorCallExpr(hasOverloadedOperatorName("="))
                .bind("assign-operator"),
            returnStmt().bind("return"), cxxMemberCallExpr().bind("store")))),
        *Lambda->getBody(), Context);
    for (const VarDecl *Static : localsOf(Lambda, Context))
      if (Static->isStaticLocal() && Static->hasInit() &&
          carriesAlias(Static->getType()) && Lent.isAlias(Static->getInit()))
        Report(Static->getLocation(), 2, Static);
    for (const BoundNodes &Nodes : Escapes) {
      if (const auto *Assign = Nodes.getNodeAs<BinaryOperator>("assign")) {
        if (!carriesAlias(Assign->getLHS()->getType()) ||
            !Lent.isAlias(Assign->getRHS()))
          continue;
        if (auto Target = outlivingTarget(Assign->getLHS(), Lambda))
          Report(Assign->getOperatorLoc(), Target->first, Target->second);
      } else if (const auto *Operator =
                     Nodes.getNodeAs<CXXOperatorCallExpr>("assign-operator")) {
        // A view assigned from an lvalue gets a copy of the value there.
        const Expr *Assigned =
            Operator->getNumArgs() == 2 ? Operator->getArg(1) : nullptr;
        if (!Assigned || !carriesAlias(Operator->getArg(0)->getType()) ||
            !(Aliases::isTemporary(Assigned) ? Lent.isAlias(Assigned)
                                             : Lent.readsAlias(Assigned)))
          continue;
        if (auto Target = outlivingTarget(Operator->getArg(0), Lambda))
          Report(Operator->getOperatorLoc(), Target->first, Target->second);
      } else if (const auto *Return = Nodes.getNodeAs<ReturnStmt>("return")) {
        const Expr *Value = Return->getRetValue();
        if (!Value || !Lent.isAlias(Value))
          continue;
        QualType Returned = Lambda->getCallOperator()->getReturnType();
        // `map` copies a returned reference into its result; a pointer or
        // a view still aliases the cell's content.
        bool Escapes =
            Returned->isPointerType() ||
            (carriesAlias(Returned) && !Returned->isReferenceType()) ||
            (Returned->isReferenceType() && Map->getType()->isReferenceType());
        if (Escapes && !isa<LambdaExpr>(Value->IgnoreImplicit()))
          Report(Return->getReturnLoc(), 4, nullptr);
      } else if (const auto *Store =
                     Nodes.getNodeAs<CXXMemberCallExpr>("store")) {
        // A member that stores its argument in a cell ("put", "replace").
        std::optional<MemberRole> Role = calledRole(Store);
        const Expr *Object = Store->getImplicitObjectArgument();
        if (!Object || !isCellType(Object->getType()) ||
            !(Role == MemberRole::Put || Role == MemberRole::Replace))
          continue;
        for (const Expr *Stored : Store->arguments())
          if (carriesAlias(Stored->getType()) && Lent.isAlias(Stored))
            Report(Stored->getExprLoc(), 3, nullptr);
      }
    }
  }
}

} // namespace clang::tidy::leash
