//===--- StaticLifetimeCheck.cpp - leash-static-lifetime ------------------===//

#include "StaticLifetimeCheck.h"

#include "utils/AstWalk.h"
#include "utils/MemberRoles.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

#include <optional>
#include <string>

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// How many steps (casts, member accesses, subscripts, dereferences) lead
/// at most from storage down to the object it comes from.
constexpr unsigned MaxOriginSteps = 16;

/// Whether objects of \p Type (or its elements) are static by rule: a
/// component or a static-only type.
bool isStaticByRule(QualType Type, const ASTContext &Context) {
  Type = Context.getBaseElementType(Type.getNonReferenceType());
  return isComponentType(Type) || isStaticOnlyType(Type);
}

/// A component or static-only object that another object holds by value:
/// the data member that holds it (the innermost one) and how it is reached
/// from the holder (`uart`, `parts.uart`).
struct HeldObject {
  const FieldDecl *Field = nullptr;
  QualType Type;
  std::string Path;
};

/// The first component or static-only object that an object of \p Type
/// holds by value, in a data member, a member's member, an array member or
/// a base class: such an object lives exactly as long as its holder, so a
/// local holder is a local component. References and pointers hold nothing
/// by value. A lambda's captures are not followed (see the rule's limits).
std::optional<HeldObject>
heldStaticObject(QualType Type, const ASTContext &Context, unsigned Depth = 0) {
  if (Depth > 8 || Type.isNull() || Type->isDependentType())
    return std::nullopt;
  const CXXRecordDecl *Record =
      Context.getBaseElementType(Type.getNonReferenceType())
          ->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition() || Record->isLambda())
    return std::nullopt;
  Record = Record->getDefinition();
  for (const CXXBaseSpecifier &Base : Record->bases())
    if (std::optional<HeldObject> Held =
            heldStaticObject(Base.getType(), Context, Depth + 1))
      return Held;
  for (const FieldDecl *Field : Record->fields()) {
    QualType FieldType = Field->getType();
    if (FieldType->isReferenceType() || FieldType->isDependentType())
      continue;
    QualType Element = Context.getBaseElementType(FieldType);
    if (isStaticByRule(Element, Context))
      return HeldObject{Field, Element, Field->getNameAsString()};
    if (std::optional<HeldObject> Held =
            heldStaticObject(Element, Context, Depth + 1)) {
      Held->Path = Field->getNameAsString() + "." + Held->Path;
      return Held;
    }
  }
  return std::nullopt;
}

/// Where the object that an expression names lives, as far as can be told.
enum class Origin { Static, Local, Parameter, Temporary, Unknown };

/// The class of `this` in \p This's function.
bool isStaticThis(const CXXThisExpr *This, const ASTContext &Context) {
  return isStaticByRule(This->getType()->getPointeeType(), Context);
}

Origin originOf(const Expr *E, const ASTContext &Context,
                const ValueDecl *&Named, unsigned Depth = 0) {
  if (!E || Depth > MaxOriginSteps)
    return Origin::Unknown;
  E = E->IgnoreParenImpCasts();
  if (isa<MaterializeTemporaryExpr, CXXTemporaryObjectExpr, CXXConstructExpr,
          InitListExpr, CompoundLiteralExpr>(E))
    return Origin::Temporary;
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E)) {
    const auto *Variable = dyn_cast<VarDecl>(Reference->getDecl());
    if (!Variable)
      return Origin::Unknown;
    Named = Variable;
    if (Variable->hasGlobalStorage())
      return Origin::Static;
    if (Variable->getType()->isReferenceType()) {
      if (isa<ParmVarDecl>(Variable))
        return Origin::Parameter;
      if (Variable->hasInit())
        return originOf(Variable->getInit(), Context, Named, Depth + 1);
      return Origin::Unknown;
    }
    return Origin::Local;
  }
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return Origin::Unknown;
    Named = Field;
    if (Field->getType()->isReferenceType())
      return Origin::Unknown;
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (const auto *This = dyn_cast<CXXThisExpr>(Base))
      return isStaticThis(This, Context) ? Origin::Static : Origin::Unknown;
    if (Member->isArrow())
      return Origin::Unknown;
    const ValueDecl *Ignored = nullptr;
    return originOf(Base, Context, Ignored, Depth + 1);
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
    const Expr *Base = Subscript->getBase()->IgnoreParenImpCasts();
    if (!Base->getType()->isArrayType())
      return Origin::Unknown;
    return originOf(Base, Context, Named, Depth + 1);
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    if (Unary->getOpcode() == UO_Deref)
      if (const auto *This =
              dyn_cast<CXXThisExpr>(Unary->getSubExpr()->IgnoreParenImpCasts()))
        return isStaticThis(This, Context) ? Origin::Static : Origin::Unknown;
  return Origin::Unknown;
}

} // namespace

void StaticLifetimeCheck::registerMatchers(MatchFinder *Finder) {
  auto Source = unless(isExpansionInSystemHeader());
  Finder->addMatcher(varDecl(Source, unless(isImplicit())).bind("variable"),
                     this);
  Finder->addMatcher(cxxNewExpr(Source).bind("new"), this);
  Finder->addMatcher(materializeTemporaryExpr(Source).bind("temporary"), this);
  // Which calls link a node is known by their role (checkPush asks).
  Finder->addMatcher(cxxMemberCallExpr(Source).bind("push"), this);
  Finder->addMatcher(
      callExpr(Source, hasAnyArgument(hasType(hasCanonicalType(arrayType()))))
          .bind("creation"),
      this);
  Finder->addMatcher(
      cxxConstructExpr(Source,
                       hasAnyArgument(hasType(hasCanonicalType(arrayType()))))
          .bind("creation"),
      this);
}

void StaticLifetimeCheck::check(const MatchFinder::MatchResult &Result) {
  ASTContext &Context = *Result.Context;
  if (const auto *Variable = Result.Nodes.getNodeAs<VarDecl>("variable"))
    return checkVariable(Variable, Context);
  if (const auto *New = Result.Nodes.getNodeAs<CXXNewExpr>("new"))
    return checkObject(New, New->getBeginLoc(), 3, Context);
  if (const auto *Temporary =
          Result.Nodes.getNodeAs<MaterializeTemporaryExpr>("temporary"))
    return checkObject(Temporary, Temporary->getBeginLoc(), 2, Context);
  if (const auto *Push = Result.Nodes.getNodeAs<CXXMemberCallExpr>("push"))
    return checkPush(Push, Context);
  if (const auto *Creation = Result.Nodes.getNodeAs<Expr>("creation"))
    return checkLeaseCreation(Creation, Context);
}

bool StaticLifetimeCheck::firstReport(SourceLocation Location,
                                      ASTContext &Context) {
  if (Location.isMacroID())
    Location = Context.getSourceManager().getExpansionLoc(Location);
  return Location.isValid() && Reported.insert(Location).second;
}

void StaticLifetimeCheck::checkVariable(const VarDecl *Variable,
                                        ASTContext &Context) {
  if (Variable->getStorageDuration() != SD_Automatic ||
      Variable->getType()->isReferenceType() ||
      Variable->getType()->isDependentType())
    return;
  int What = 0;
  if (const auto *Parameter = dyn_cast<ParmVarDecl>(Variable)) {
    const auto *Function = dyn_cast<FunctionDecl>(Parameter->getDeclContext());
    if (!Function || Function->isDeleted() || Function->isImplicit() ||
        Function->getFirstDecl() != Function)
      return;
    What = 1;
  }
  reportObject(Variable->getType(), Variable->getLocation(), What, Context);
}

void StaticLifetimeCheck::checkObject(const Expr *Object,
                                      SourceLocation Location, int What,
                                      ASTContext &Context) {
  QualType Type;
  if (const auto *New = dyn_cast_or_null<CXXNewExpr>(Object))
    Type = New->getAllocatedType();
  else if (Object)
    Type = Object->getType();
  reportObject(Type, Location, What, Context);
}

void StaticLifetimeCheck::reportObject(QualType Type, SourceLocation Location,
                                       int What, ASTContext &Context) {
  if (Type.isNull() || Type->isDependentType())
    return;
  if (!isStaticByRule(Type, Context)) {
    if (std::optional<HeldObject> Held = heldStaticObject(Type, Context))
      reportHolder(Type, Held->Field, Held->Type, Held->Path, Location, What,
                   Context);
    return;
  }
  if (!firstReport(Location, Context))
    return;
  QualType Element = Context.getBaseElementType(Type.getNonReferenceType());
  bool Component = isComponentType(Element);
  const CXXRecordDecl *Class = recordOf(Element);
  diag(Location, "%select{local variable|parameter|temporary|heap object}0 of "
                 "%select{static-only|component}1 type %2 does not have "
                 "static storage duration; create it once, at namespace "
                 "scope or as a static local")
      << What << Component << Element.getUnqualifiedType();
  if (Class)
    diag(Class->getLocation(),
         "%select{static-only type|component}0 %1 declared here",
         DiagnosticIDs::Note)
        << Component << Class;
}

void StaticLifetimeCheck::reportHolder(QualType Type, const FieldDecl *Field,
                                       QualType Held, StringRef Path,
                                       SourceLocation Location, int What,
                                       ASTContext &Context) {
  if (!firstReport(Location, Context))
    return;
  QualType Holder = Context.getBaseElementType(Type.getNonReferenceType());
  bool Component = isComponentType(Held);
  diag(Location, "%select{local variable|parameter|temporary|heap object}0 of "
                 "type %1 holds a %select{static-only object|component}2 of "
                 "type %3 by value, in '%4', and does not have static storage "
                 "duration; create it once, at namespace scope or as a "
                 "static local")
      << What << Holder.getUnqualifiedType() << Component
      << Held.getUnqualifiedType() << Path;
  diag(Field->getLocation(), "member %0 declared here", DiagnosticIDs::Note)
      << Field;
  if (const CXXRecordDecl *Class = recordOf(Held))
    diag(Class->getLocation(),
         "%select{static-only type|component}0 %1 declared here",
         DiagnosticIDs::Note)
        << Component << Class;
}

void StaticLifetimeCheck::checkPush(const CXXMemberCallExpr *Push,
                                    ASTContext &Context) {
  if (calledRole(Push) != MemberRole::Link)
    return;
  const Expr *List = Push->getImplicitObjectArgument();
  std::optional<llvm::StringRef> Kind =
      List ? cellKind(List->getType()) : std::nullopt;
  if (!Kind || *Kind != "list" || Push->getNumArgs() != 1)
    return;
  const Expr *Node = Push->getArg(0);
  if (Node->getType()->isDependentType() ||
      isStaticByRule(Node->getType(), Context))
    return;
  const ValueDecl *Named = nullptr;
  Origin Where = originOf(Node, Context, Named);
  if (Where == Origin::Static || !firstReport(Node->getExprLoc(), Context))
    return;
  diag(Node->getExprLoc(),
       "list node %select{|%1 }0is %select{a local variable|a parameter, of "
       "unknown origin|a temporary|of unknown origin}2; nodes pushed into a "
       "list must have static storage duration")
      << (Named != nullptr) << Named << static_cast<int>(Where) - 1;
  if (Named)
    diag(Named->getLocation(), "%0 declared here", DiagnosticIDs::Note)
        << Named;
}

void StaticLifetimeCheck::checkLeaseCreation(const Expr *Creation,
                                             ASTContext &Context) {
  if (!isLeaseType(Creation->getType()))
    return;
  forEachArgumentWithParameter(Creation, [&](const Expr *Storage,
                                             const ParmVarDecl *Parameter) {
    // Storage is bound by reference, as an array (not decayed to a pointer).
    if (!Storage->getType()->isArrayType() ||
        !Parameter->getType()->isReferenceType())
      return;
    const ValueDecl *Named = nullptr;
    Origin Where = originOf(Storage, Context, Named);
    if (Where == Origin::Static || !firstReport(Storage->getExprLoc(), Context))
      return;
    diag(Storage->getExprLoc(),
         "lease storage %select{|%1 }0is %select{a local variable|a "
         "parameter, of unknown origin|a temporary|of unknown origin}2; the "
         "array a lease is created from must have static storage duration")
        << (Named != nullptr) << Named << static_cast<int>(Where) - 1;
    if (Named)
      diag(Named->getLocation(), "%0 declared here", DiagnosticIDs::Note)
          << Named;
  });
}

} // namespace clang::tidy::leash
