//===--- LeaseVocabulary.cpp - What the lease rules recognise -------------===//

#include "LeaseVocabulary.h"
#include "AstWalk.h"
#include "MemberRoles.h"
#include "Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leash {

namespace {

/// Whether \p Parameter binds a reference to an array.
bool bindsArrayReference(const ParmVarDecl *Parameter) {
  if (!Parameter)
    return false;
  QualType Type = Parameter->getType();
  if (!Type->isReferenceType())
    return false;
  QualType Referred = Type->getPointeeType();
  return Referred->isArrayType() ||
         (Referred->isDependentType() && !Referred->isRecordType());
}

/// The array argument of \p CallOrConstruct that binds a reference-to-array
/// parameter, or null.
const Expr *arrayArgument(const Expr *CallOrConstruct) {
  const Expr *Array = nullptr;
  forEachArgumentWithParameter(
      CallOrConstruct, [&](const Expr *Argument, const ParmVarDecl *Parameter) {
        if (!Array && bindsArrayReference(Parameter) && Argument &&
            Argument->IgnoreParenImpCasts()->getType()->isArrayType())
          Array = Argument;
      });
  return Array;
}

} // namespace

std::optional<LeaseCreation> leaseCreation(const Expr *E) {
  if (!E || !isLeaseType(E->getType()))
    return std::nullopt;
  const Expr *Array =
      isa<CallExpr, CXXConstructExpr>(E) ? arrayArgument(E) : nullptr;
  if (!Array)
    return std::nullopt;
  LeaseCreation Result;
  Result.Creation = E;
  Result.Array = Array;
  if (const auto *Reference =
          dyn_cast<DeclRefExpr>(Array->IgnoreParenImpCasts()))
    Result.ArrayVariable = dyn_cast<VarDecl>(Reference->getDecl());
  return Result;
}

std::string describeLeasedArray(const LeaseCreation &Creation) {
  if (Creation.ArrayVariable)
    return "'" + Creation.ArrayVariable->getNameAsString() + "'";
  if (const auto *Member =
          dyn_cast<MemberExpr>(Creation.Array->IgnoreParenImpCasts()))
    return "'" + Member->getMemberDecl()->getNameAsString() + "'";
  return "an array";
}

const FieldDecl *inFlightMember(const Expr *E) {
  if (!E)
    return nullptr;
  const auto *Member = dyn_cast<MemberExpr>(E->IgnoreParenImpCasts());
  if (!Member)
    return nullptr;
  const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
  if (!Field || !isInFlightMember(Field))
    return nullptr;
  return Field;
}

bool isInFlightSafeMember(const CXXMethodDecl *Method) {
  if (!Method)
    return false;
  QualType Class(Method->getParent()->getTypeForDecl(), 0);
  std::optional<MemberRole> Role = memberRole(Method);
  if (isLeaseType(Class))
    return Role == MemberRole::TestEmpty;
  if (!isCellType(Class))
    return false;
  return Role == MemberRole::Take || Role == MemberRole::Put ||
         Role == MemberRole::Replace || isEmptinessTest(Role);
}

std::vector<std::string> inFlightAllowedUses(QualType Type) {
  std::vector<std::string> Uses;
  if (isLeaseType(Type))
    Uses.push_back("moving it in or out");
  auto AddSafeMembers = [&Uses](const CXXRecordDecl *Class) {
    for (const CXXMethodDecl *Method : Class->methods())
      if (Method->getIdentifier() && isInFlightSafeMember(Method) &&
          !llvm::is_contained(Uses, Method->getName()))
        Uses.push_back(Method->getName().str());
    return true;
  };
  if (const CXXRecordDecl *Class = Type->getAsCXXRecordDecl();
      Class && Class->hasDefinition()) {
    AddSafeMembers(Class->getDefinition());
    Class->getDefinition()->forallBases(AddSafeMembers);
  }
  return Uses;
}

bool isLeaseWrapperType(QualType Type) {
  if (Type.isNull())
    return false;
  const auto *Specialization =
      dyn_cast_or_null<ClassTemplateSpecializationDecl>(
          Type->getAsCXXRecordDecl());
  if (!Specialization || isLeaseType(Type) || isCellType(Type))
    return false;
  const TemplateArgumentList &Arguments = Specialization->getTemplateArgs();
  if (Arguments.size() == 0 ||
      Arguments[0].getKind() != TemplateArgument::Type ||
      !isLeaseType(Arguments[0].getAsType()))
    return false;
  for (const CXXMethodDecl *Method : Specialization->methods())
    if (hasRole(Method, MemberRole::TestFull))
      return true;
  return false;
}

bool isLeaseRawAddressCall(const Expr *E) {
  const auto *Call = dyn_cast_or_null<CXXMemberCallExpr>(E);
  if (!Call || !Call->getType()->isPointerType())
    return false;
  const CXXMethodDecl *Method = Call->getMethodDecl();
  if (!Method || !isUnsafeApi(Method))
    return false;
  return isLeaseType(QualType(Method->getParent()->getTypeForDecl(), 0));
}

} // namespace clang::tidy::leash
