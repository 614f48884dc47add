//===--- ObjectPaths.cpp - Which object an expression names ---------------===//

#include "ObjectPaths.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"

namespace clang::tidy::leash {

namespace {

/// How many steps (member accesses, subscripts, dereferences) a named
/// object has at most.
constexpr unsigned MaxObjectSteps = 16;

bool appendSteps(const Expr *E, const ASTContext &Context, NamedObject &Steps,
                 unsigned Depth) {
  if (Depth > MaxObjectSteps || !E)
    return false;
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E)) {
    Steps.push_back({ObjectStep::This});
    return true;
  }
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E)) {
    const auto *Variable = dyn_cast<VarDecl>(Reference->getDecl());
    if (!Variable)
      return false;
    // A reference bound to a named object stands for that object.
    if (Variable->getType()->isReferenceType()) {
      if (Variable->hasInit() && !isa<ParmVarDecl>(Variable))
        return appendSteps(Variable->getInit(), Context, Steps, Depth + 1);
    }
    Steps.push_back({ObjectStep::Variable, Variable->getCanonicalDecl(), 0});
    return true;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || !appendSteps(Member->getBase(), Context, Steps, Depth + 1))
      return false;
    // `this->x` and `x` are the same: the arrow from `this` is implicit.
    if (Member->isArrow() &&
        !isa<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts()))
      Steps.push_back({ObjectStep::Arrow});
    Steps.push_back({ObjectStep::Field, Field->getCanonicalDecl(), 0});
    return true;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    std::optional<llvm::APSInt> Index =
        Subscript->getIdx()->getIntegerConstantExpr(Context);
    if (!Index || !appendSteps(Subscript->getBase(), Context, Steps, Depth + 1))
      return false;
    Steps.push_back({ObjectStep::Index, nullptr, Index->getExtValue()});
    return true;
  }
  return false;
}

} // namespace

std::optional<NamedObject> namedObject(const Expr *E,
                                       const ASTContext &Context) {
  NamedObject Steps;
  if (!appendSteps(E, Context, Steps, 0))
    return std::nullopt;
  return Steps;
}

std::string spelling(const Expr *E, const ASTContext &Context) {
  E = E->IgnoreParenImpCasts();
  if (isa<CXXThisExpr>(E))
    return "this";
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E))
    return Reference->getDecl()->getNameAsString();
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    std::string Name = Member->getMemberDecl()->getNameAsString();
    if (Member->isImplicitAccess())
      return Name;
    return spelling(Member->getBase(), Context) +
           (Member->isArrow() ? "->" : ".") + Name;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    std::optional<llvm::APSInt> Index =
        Subscript->getIdx()->getIntegerConstantExpr(Context);
    return spelling(Subscript->getBase(), Context) + "[" +
           (Index ? std::to_string(Index->getExtValue()) : std::string("...")) +
           "]";
  }
  return "the cell";
}

} // namespace clang::tidy::leash
