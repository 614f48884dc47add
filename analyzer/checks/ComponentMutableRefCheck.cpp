//===--- ComponentMutableRefCheck.cpp - leash-component-mutable-ref -------===//

#include "ComponentMutableRefCheck.h"

#include "utils/Sharing.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// What a declaration that names a component is, for the message.
enum class DeclarationKind { Parameter, Variable, DataMember };

/// The parameters of \p Function's redeclarations at \p Index, to fix them
/// all.
llvm::SmallVector<const ParmVarDecl *, 2>
parametersAcrossRedeclarations(const FunctionDecl *Function, unsigned Index) {
  llvm::SmallVector<const ParmVarDecl *, 2> Parameters;
  for (const FunctionDecl *Redeclaration : Function->redecls())
    if (Index < Redeclaration->getNumParams())
      Parameters.push_back(Redeclaration->getParamDecl(Index));
  return Parameters;
}

/// The type of \p Declaration as declared (a parameter's array type before
/// it decays to a pointer), so that it matches the written type.
QualType declaredType(const DeclaratorDecl *Declaration) {
  if (const auto *Parameter = dyn_cast<ParmVarDecl>(Declaration))
    return Parameter->getOriginalType();
  return Declaration->getType();
}

/// Whether \p Location can take a fix-it (not inside a macro).
bool isFixable(SourceLocation Location) {
  return Location.isValid() && !Location.isMacroID();
}

} // namespace

void ComponentMutableRefCheck::registerMatchers(MatchFinder *Finder) {
  // Written declarations only, once: not the compiler's, not instantiations
  // (the template is where the declaration is written).
  // The cheap test first: isInstantiated() walks the parent map, which
  // would otherwise be asked about every declaration of the system headers.
  auto Written = allOf(unless(isExpansionInSystemHeader()),
                       unless(isImplicit()), unless(isInstantiated()));
  Finder->addMatcher(varDecl(Written).bind("variable"), this);
  Finder->addMatcher(
      fieldDecl(Written, unless(hasParent(cxxRecordDecl(isLambda()))))
          .bind("variable"),
      this);
  Finder->addMatcher(
      functionDecl(Written, unless(isDeleted())).bind("function"), this);
}

void ComponentMutableRefCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Variable =
          Result.Nodes.getNodeAs<DeclaratorDecl>("variable")) {
    checkVariable(Variable, *Result.Context);
    return;
  }
  if (const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    checkReturnType(Function, *Result.Context);
    if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
      checkMemberFunction(Method);
  }
}

void ComponentMutableRefCheck::checkVariable(const DeclaratorDecl *Declaration,
                                             ASTContext &Context) {
  if (Declaration->getLocation().isInvalid() || isInInstantiation(Declaration))
    return;
  DeclarationKind Kind = isa<FieldDecl>(Declaration)
                             ? DeclarationKind::DataMember
                             : DeclarationKind::Variable;
  // A parameter is reported once, at its function's first declaration, and
  // fixed in every declaration.
  llvm::SmallVector<const ParmVarDecl *, 2> ToFix;
  if (const auto *Parameter = dyn_cast<ParmVarDecl>(Declaration)) {
    Kind = DeclarationKind::Parameter;
    if (const auto *Function =
            dyn_cast<FunctionDecl>(Parameter->getDeclContext())) {
      if (Function->isDeleted() || Function->isImplicit() ||
          isOwnCopyOrMove(Function))
        return;
      if (Function->getFirstDecl() != Function)
        return;
      ToFix = parametersAcrossRedeclarations(
          Function, Parameter->getFunctionScopeIndex());
    }
  }

  TypeSourceInfo *Written = Declaration->getTypeSourceInfo();
  std::optional<MutableComponentAccess> Access = findMutableComponentAccess(
      declaredType(Declaration), Written ? Written->getTypeLoc() : TypeLoc(),
      Context);
  if (!Access)
    return;

  {
    DiagnosticBuilder Diagnostic =
        diag(Declaration->getLocation(),
             "non-const %select{reference|pointer}0 to component %1 in "
             "%select{parameter|variable|data member}2 %3; components are "
             "shared, so use them through const")
        << Access->IsPointer << Access->Component << static_cast<int>(Kind)
        << Declaration;
    // An init-capture's type is not spelled: `[&name = object]`.
    const auto *Variable = dyn_cast<VarDecl>(Declaration);
    bool Spelled = !(Variable && Variable->isInitCapture());
    if (ToFix.empty()) {
      if (Spelled && isFixable(Access->ConstInsertion))
        Diagnostic << FixItHint::CreateInsertion(Access->ConstInsertion,
                                                 "const ");
    } else {
      for (const ParmVarDecl *Parameter : ToFix) {
        TypeSourceInfo *ParameterType = Parameter->getTypeSourceInfo();
        if (!ParameterType)
          continue;
        std::optional<MutableComponentAccess> Other =
            findMutableComponentAccess(Parameter->getOriginalType(),
                                       ParameterType->getTypeLoc(), Context);
        if (Other && isFixable(Other->ConstInsertion))
          Diagnostic << FixItHint::CreateInsertion(Other->ConstInsertion,
                                                   "const ");
      }
    }
  }
  diag(Access->Component->getLocation(), "component %0 declared here",
       DiagnosticIDs::Note)
      << Access->Component;
}

void ComponentMutableRefCheck::checkReturnType(const FunctionDecl *Function,
                                               ASTContext &Context) {
  if (Function->getFirstDecl() != Function || isOwnCopyOrMove(Function) ||
      isInInstantiation(Function) || Function->getLocation().isInvalid())
    return;
  std::optional<MutableComponentAccess> Access = findMutableComponentAccess(
      Function->getReturnType(),
      Function->getFunctionTypeLoc().isNull()
          ? TypeLoc()
          : Function->getFunctionTypeLoc().getReturnLoc(),
      Context);
  if (!Access)
    return;
  {
    DiagnosticBuilder Diagnostic =
        diag(Function->getLocation(),
             "non-const %select{reference|pointer}0 to component %1 returned "
             "by %2; components are shared, so use them through const")
        << Access->IsPointer << Access->Component << Function;
    for (const FunctionDecl *Redeclaration : Function->redecls()) {
      FunctionTypeLoc Loc = Redeclaration->getFunctionTypeLoc();
      if (Loc.isNull())
        continue;
      std::optional<MutableComponentAccess> Other = findMutableComponentAccess(
          Redeclaration->getReturnType(), Loc.getReturnLoc(), Context);
      if (Other && isFixable(Other->ConstInsertion))
        Diagnostic << FixItHint::CreateInsertion(Other->ConstInsertion,
                                                 "const ");
    }
  }
  diag(Access->Component->getLocation(), "component %0 declared here",
       DiagnosticIDs::Note)
      << Access->Component;
}

void ComponentMutableRefCheck::checkMemberFunction(
    const CXXMethodDecl *Method) {
  const CXXRecordDecl *Class = Method->getParent();
  if (Method->isStatic() || Method->isConst() || Class->isLambda() ||
      isa<CXXConstructorDecl, CXXDestructorDecl>(Method) ||
      Method->getOverloadedOperator() == OO_Equal ||
      Method->getFirstDecl() != Method || Method->getLocation().isInvalid())
    return;
  if (!isComponentType(QualType(Class->getTypeForDecl(), 0)))
    return;
  {
    DiagnosticBuilder Diagnostic =
        diag(Method->getLocation(),
             "non-const member function %0 on component %1; components are "
             "shared, so their member functions are const and change state "
             "through cells")
        << Method << Class;
    // Adding const to an override would stop it overriding.
    if (Method->size_overridden_methods() == 0)
      for (const FunctionDecl *Redeclaration : Method->redecls()) {
        FunctionTypeLoc Loc = Redeclaration->getFunctionTypeLoc();
        if (Loc.isNull())
          continue;
        SourceLocation RightParen = Loc.getRParenLoc();
        if (isFixable(RightParen))
          Diagnostic << FixItHint::CreateInsertion(
              RightParen.getLocWithOffset(1), " const");
      }
  }
  diag(Class->getLocation(), "component %0 declared here", DiagnosticIDs::Note)
      << Class;
}

} // namespace clang::tidy::leash
