//===--- CellMaps.cpp - Calls of a cell's map and their callables ---------===//

#include "CellMaps.h"

#include "MemberRoles.h"
#include "Vocabulary.h"

namespace clang::tidy::leash {

llvm::StringRef calledName(const CXXMemberCallExpr *Call) {
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !Method->getIdentifier())
    return {};
  return Method->getName();
}

std::optional<llvm::StringRef> lendingCellKind(const CXXMemberCallExpr *Call) {
  const Expr *Object = Call->getImplicitObjectArgument();
  if (!Object)
    return std::nullopt;
  QualType Type = Object->getType();
  if (Type->isPointerType())
    Type = Type->getPointeeType();
  std::optional<llvm::StringRef> Kind = cellKind(Type);
  if (Kind && (*Kind == "take" || *Kind == "map"))
    return Kind;
  return std::nullopt;
}

bool isLendingMap(const CXXMemberCallExpr *Call) {
  return calledRole(Call) == MemberRole::Lend &&
         lendingCellKind(Call).has_value();
}

const LambdaExpr *lambdaOf(const Expr *Argument) {
  const Expr *E = Argument->IgnoreImplicit()->IgnoreParens();
  if (const auto *Lambda = dyn_cast<LambdaExpr>(E))
    return Lambda;
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E))
    if (const auto *Variable = dyn_cast<VarDecl>(Reference->getDecl()))
      if (Variable->isLocalVarDecl() && Variable->hasInit() &&
          !Variable->getType()->isReferenceType())
        return dyn_cast<LambdaExpr>(
            Variable->getInit()->IgnoreImplicit()->IgnoreParens());
  return nullptr;
}

} // namespace clang::tidy::leash
