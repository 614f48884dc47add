//===--- ComponentMutableFieldCheck.cpp - leash-component-mutable-field ---===//

#include "ComponentMutableFieldCheck.h"

#include "utils/AstWalk.h"
#include "utils/Sharing.h"
#include "utils/Vocabulary.h"
#include "utils/Writes.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// How many range-based `for` loops nested over one another a write is
/// followed through (`for (Row &row : rows_) for (Slot &slot : row)`).
constexpr unsigned MaxNestedRangeLoops = 4;

/// The class of the object that \p Use reaches a member of: `object.field`,
/// `pointer->field`, `field` (on `this`).
const CXXRecordDecl *objectClass(const MemberExpr *Use) {
  QualType Type = Use->getBase()->IgnoreParenImpCasts()->getType();
  if (Use->isArrow())
    Type = Type->getPointeeType();
  return recordOf(Type);
}

/// Whether \p Use is on the object that the constructor \p Function
/// constructs (its implicit or explicit `this`).
bool isConstructing(const MemberExpr *Use, const FunctionDecl *Function) {
  return isa_and_nonnull<CXXConstructorDecl>(Function) &&
         isa<CXXThisExpr>(Use->getBase()->IgnoreParenImpCasts());
}

/// \p Class, or the class template it was instantiated from: a finding in a
/// template names the template, as it is reported once for all of them.
const CXXRecordDecl *asWritten(const CXXRecordDecl *Class) {
  if (const CXXRecordDecl *Pattern = Class->getTemplateInstantiationPattern())
    return Pattern;
  return Class;
}

/// The range-based `for` whose range is \p Range itself (`for (x : Range)`,
/// through parentheses and implicit conversions), or null.
const CXXForRangeStmt *rangeForOver(const Expr *Range, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*Range);
  // Up from the range to its hidden range variable, its declaration, and
  // the loop: a few steps, never more.
  for (unsigned Depth = 0; Depth < MaxNearAncestors; ++Depth) {
    Node = parentOf(Node, Context);
    if (Node.getNodeKind().isNone())
      return nullptr;
    if (const auto *For = Node.get<CXXForRangeStmt>()) {
      const Expr *Init = For->getRangeInit();
      return Init && Init->IgnoreParenImpCasts() == Range->IgnoreParenImpCasts()
                 ? For
                 : nullptr;
    }
    if (!Node.get<ParenExpr>() && !Node.get<ImplicitCastExpr>() &&
        !Node.get<VarDecl>() && !Node.get<DeclStmt>())
      return nullptr;
  }
  return nullptr;
}

/// A write to an element of a range through the loop variable bound to it.
struct LoopWrite {
  Write Found;
  /// The loop variable written through (the innermost one, for nested
  /// loops).
  const VarDecl *LoopVariable = nullptr;
};

/// A write, through the loop variable, to the elements of the range \p Range
/// of a range-based `for`: `for (Slot &slot : slots_) slot.count = 1;`
/// writes `slots_`. findWrite stops at the loop's hidden range variable;
/// this follows the one variable the code names, a non-const reference to
/// each element, into the loop body, and into loops nested over it.
std::optional<LoopWrite> writeThroughRangeFor(const Expr *Range,
                                              ASTContext &Context,
                                              unsigned Depth = 0) {
  const CXXForRangeStmt *For =
      Depth < MaxNestedRangeLoops ? rangeForOver(Range, Context) : nullptr;
  if (!For || !For->getBody())
    return std::nullopt;
  const VarDecl *Loop = For->getLoopVariable();
  const auto *Reference =
      Loop ? Loop->getType()->getAs<LValueReferenceType>() : nullptr;
  if (!Reference || Reference->getPointeeType().isConstQualified())
    return std::nullopt;
  auto Uses =
      match(findAll(declRefExpr(to(varDecl(equalsNode(Loop)))).bind("use")),
            *For->getBody(), Context);
  for (const BoundNodes &Bound : Uses) {
    const auto *Use = Bound.getNodeAs<DeclRefExpr>("use");
    if (std::optional<Write> Found = findWrite(Use, Context))
      return LoopWrite{*Found, Loop};
    if (std::optional<LoopWrite> Nested =
            writeThroughRangeFor(Use, Context, Depth + 1))
      return Nested;
  }
  return std::nullopt;
}

} // namespace

void ComponentMutableFieldCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(fieldDecl(unless(isExpansionInSystemHeader()),
                               hasParent(cxxRecordDecl(unless(isLambda()))))
                         .bind("field"),
                     this);
  Finder->addMatcher(
      memberExpr(member(fieldDecl()), unless(isExpansionInSystemHeader()))
          .bind("use"),
      this);
}

void ComponentMutableFieldCheck::check(const MatchFinder::MatchResult &Result) {
  if (const auto *Field = Result.Nodes.getNodeAs<FieldDecl>("field")) {
    if (Field->isMutable() && !Field->getType()->isDependentType() &&
        !isMadeOfCells(Field->getType(), *Result.Context))
      checkMutableField(Field);
    return;
  }
  if (const auto *Use = Result.Nodes.getNodeAs<MemberExpr>("use"))
    checkMemberUse(Use, *Result.Context);
}

void ComponentMutableFieldCheck::checkMutableField(const FieldDecl *Field) {
  const auto *Class = dyn_cast<CXXRecordDecl>(Field->getParent());
  if (!Class || !isComponentType(QualType(Class->getTypeForDecl(), 0)) ||
      !Reported.insert(Field->getLocation()).second)
    return;
  Class = asWritten(Class);
  diag(Field->getLocation(),
       "data member %0 of component %1 is declared mutable but is not a "
       "cell; component state changes only through cells")
      << Field << Class;
  diag(Class->getLocation(), "component %0 declared here", DiagnosticIDs::Note)
      << Class;
}

void ComponentMutableFieldCheck::checkMemberUse(const MemberExpr *Use,
                                                ASTContext &Context) {
  const auto *Field = cast<FieldDecl>(Use->getMemberDecl());
  QualType Type = Field->getType();
  // Mutable members are reported at their declaration; a reference member
  // is never written (writing through it writes somebody else).
  if (Field->isMutable() || Type->isReferenceType() ||
      Type->isDependentType() || isMadeOfCells(Type, Context))
    return;
  const CXXRecordDecl *Object = objectClass(Use);
  const CXXRecordDecl *Component = nullptr;
  if (Object && isComponentType(QualType(Object->getTypeForDecl(), 0)))
    Component = Object;
  else if (const auto *Owner = dyn_cast<CXXRecordDecl>(Field->getParent());
           Owner && isComponentType(QualType(Owner->getTypeForDecl(), 0)))
    Component = Owner;
  if (!Component)
    return;
  Component = asWritten(Component);

  std::optional<Write> Found = findWrite(Use, Context);
  std::optional<LoopWrite> ThroughLoop;
  if (!Found) {
    ThroughLoop = writeThroughRangeFor(Use, Context);
    if (!ThroughLoop)
      return;
    Found = ThroughLoop->Found;
  }
  const FunctionDecl *Function =
      enclosingFunction(DynTypedNode::create(*Use), Context);
  if (Function && (Function->isImplicit() || Function->isDefaulted()))
    return;
  if (isConstructing(Use, Function))
    return;

  SourceLocation Location = Use->getMemberLoc();
  if (Location.isMacroID())
    Location = Context.getSourceManager().getExpansionLoc(Location);
  if (!Reported.insert(Location).second)
    return;
  diag(Location, "%0 data member %1 of component %2 outside a constructor; "
                 "component state changes only through cells")
      << describeWrite(Found->Kind) << Field << Component;
  if (ThroughLoop) {
    SourceLocation Writer = Found->Writer->getBeginLoc();
    if (Writer.isMacroID())
      Writer = Context.getSourceManager().getExpansionLoc(Writer);
    diag(Writer, "written through the loop variable %0 here",
         DiagnosticIDs::Note)
        << ThroughLoop->LoopVariable;
  }
  diag(Field->getLocation(), "data member %0 declared here; make it a cell",
       DiagnosticIDs::Note)
      << Field;
}

} // namespace clang::tidy::leash
