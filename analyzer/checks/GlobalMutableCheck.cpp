//===--- GlobalMutableCheck.cpp - leash-global-mutable --------------------===//

#include "GlobalMutableCheck.h"

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

/// Whether \p Type is an atomic: C's `_Atomic(T)`, `std::atomic<T>`,
/// `std::atomic_flag`, or a class derived from one of them.
bool isAtomic(QualType Type) {
  if (Type->isAtomicType())
    return true;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  auto IsStdAtomic = [](const CXXRecordDecl *Class) {
    return Class->isInStdNamespace() && Class->getIdentifier() &&
           (Class->getName() == "atomic" || Class->getName() == "atomic_flag");
  };
  if (IsStdAtomic(Record))
    return true;
  bool Derived = false;
  Record->getDefinition()->forallBases([&](const CXXRecordDecl *Base) {
    Derived = Derived || IsStdAtomic(Base);
    return true;
  });
  return Derived;
}

/// Whether \p Variable is part of the implementation of an annotated
/// vocabulary type (a cell or a lease), which is trusted.
bool isInVocabularyImplementation(const VarDecl *Variable) {
  for (const DeclContext *Context = Variable->getDeclContext(); Context;
       Context = Context->getParent())
    if (const auto *Record = dyn_cast<CXXRecordDecl>(Context))
      if (recordHasLeashAnnotation(Record, annotation::Cell) ||
          recordHasLeashAnnotation(Record, annotation::Lease))
        return true;
  return false;
}

/// The call or construction that \p Use is a direct argument of, if it
/// creates a lease (its result is a lease type).
const Expr *leaseCreation(const DeclRefExpr *Use, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Use);
  for (unsigned Depth = 0; Depth < MaxNearAncestors; ++Depth) {
    Node = parentOf(Node, Context);
    if (Node.getNodeKind().isNone())
      return nullptr;
    if (Node.get<ParenExpr>() || Node.get<ImplicitCastExpr>())
      continue;
    const Expr *Creation = nullptr;
    if (const auto *Call = Node.get<CallExpr>())
      Creation = Call;
    else if (const auto *Construct = Node.get<CXXConstructExpr>())
      Creation = Construct;
    if (Creation && isLeaseType(Creation->getType()))
      return Creation;
    return nullptr;
  }
  return nullptr;
}

} // namespace

void GlobalMutableCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(varDecl(hasStaticStorageDuration(), unless(isImplicit()),
                             unless(isExpansionInSystemHeader()))
                         .bind("variable"),
                     this);
  Finder->addMatcher(
      declRefExpr(to(varDecl(hasStaticStorageDuration(),
                             hasType(hasCanonicalType(arrayType())))),
                  unless(isExpansionInSystemHeader()),
                  unless(hasAncestor(unaryExprOrTypeTraitExpr())))
          .bind("use"),
      this);
}

void GlobalMutableCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Variable = Result.Nodes.getNodeAs<VarDecl>("variable")) {
    Variables.push_back(Variable);
    return;
  }
  const auto *Use = Result.Nodes.getNodeAs<DeclRefExpr>("use");
  const auto *Array = cast<VarDecl>(Use->getDecl())->getCanonicalDecl();
  if (const Expr *Creation = leaseCreation(Use, *Result.Context)) {
    Backing.try_emplace(Array, Creation->getBeginLoc());
    return;
  }
  SourceLocation Location = Use->getLocation();
  if (Location.isMacroID())
    Location = Result.SourceManager->getExpansionLoc(Location);
  Uses.emplace_back(Array, Location);
}

void GlobalMutableCheck::onEndOfTranslationUnit() {
  for (const VarDecl *Variable : Variables) {
    QualType Type = Variable->getType();
    // A template's variable is judged in the pattern when its type is
    // known there, else in each instantiation; all are at the same place.
    if (Variable->isThisDeclarationADefinition() == VarDecl::DeclarationOnly ||
        Type->isReferenceType() || Type->isDependentType())
      continue;
    const ASTContext &Context = Variable->getASTContext();
    QualType Element = Context.getBaseElementType(Type);
    const CXXRecordDecl *Record = Element->getAsCXXRecordDecl();
    bool Stateless = Record && Record->hasDefinition() && Record->isEmpty();
    if (Element.isConstQualified() || Stateless ||
        isMadeOfCells(Type, Context) || isComponentType(Element) ||
        isAtomic(Element) || Backing.count(Variable->getCanonicalDecl()) ||
        isInVocabularyImplementation(Variable))
      continue;
    SourceLocation Location = Variable->getLocation();
    if (Location.isMacroID())
      Location = Context.getSourceManager().getExpansionLoc(Location);
    if (!Reported.insert(Location).second)
      continue;
    int Kind = Variable->isStaticLocal()        ? 2
               : Variable->isStaticDataMember() ? 1
                                                : 0;
    diag(Location, "mutable %select{global variable|static data member|static "
                   "local variable}0 %1 is not a cell, a component, an atomic "
                   "or a lease's backing array; shared state changes only "
                   "through cells")
        << Kind << Variable;
  }
  for (const auto &[Array, Location] : Uses) {
    auto Creation = Backing.find(Array);
    if (Creation == Backing.end() || !Reported.insert(Location).second)
      continue;
    diag(Location, "direct use of %0, the backing array of a lease; reach the "
                   "buffer only through its lease")
        << Array;
    diag(Creation->second, "lease of %0 created here", DiagnosticIDs::Note)
        << Array;
  }
  Variables.clear();
  Backing.clear();
  Uses.clear();
  Reported.clear();
}

} // namespace clang::tidy::leash
