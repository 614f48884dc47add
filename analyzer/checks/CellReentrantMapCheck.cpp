//===--- CellReentrantMapCheck.cpp - leash-cell-reentrant-map -------------===//

#include "CellReentrantMapCheck.h"

#include "utils/CellMaps.h"
#include "utils/MemberRoles.h"
#include "utils/ObjectPaths.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// Whether a member with the role \p Role re-enters a mapped cell: it lends
/// the content again, or moves a value out or in.
bool isReentrantAccess(std::optional<MemberRole> Role) {
  return Role == MemberRole::Lend || Role == MemberRole::Take ||
         Role == MemberRole::Put || Role == MemberRole::Replace;
}

} // namespace

void CellReentrantMapCheck::registerMatchers(MatchFinder *Finder) {
  // Which calls lend is known by their role (check() asks), not by name.
  Finder->addMatcher(
      cxxMemberCallExpr(unless(isExpansionInSystemHeader())).bind("map"), this);
}

void CellReentrantMapCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Outer = Result.Nodes.getNodeAs<CXXMemberCallExpr>("map");
  ASTContext &Context = *Result.Context;
  if (!isLendingMap(Outer))
    return;
  std::optional<NamedObject> Cell =
      namedObject(Outer->getImplicitObjectArgument(), Context);
  if (!Cell)
    return;
  for (const Expr *Argument : Outer->arguments()) {
    const LambdaExpr *Lambda = lambdaOf(Argument);
    if (!Lambda || !Lambda->getBody())
      continue;
    auto Inner = match(
        findAll(cxxMemberCallExpr(unless(equalsNode(Outer))).bind("inner")),
        *Lambda->getBody(), Context);
    for (const BoundNodes &Nodes : Inner) {
      const auto *Call = Nodes.getNodeAs<CXXMemberCallExpr>("inner");
      std::optional<MemberRole> Role = calledRole(Call);
      std::optional<llvm::StringRef> Kind = lendingCellKind(Call);
      if (!isReentrantAccess(Role) || !Kind)
        continue;
      std::optional<NamedObject> Same =
          namedObject(Call->getImplicitObjectArgument(), Context);
      if (!Same || *Same != *Cell)
        continue;
      SourceLocation Location = Call->getExprLoc();
      if (Location.isMacroID())
        Location = Context.getSourceManager().getExpansionLoc(Location);
      if (!Reported.insert(Location).second)
        continue;
      // A map cell refuses; a take cell is empty, so a "lend" or "take"
      // finds nothing; a value moved in is overwritten when the outer call
      // puts its own back.
      int Consequence = 2;
      if (*Kind == "map")
        Consequence = 0;
      else if (Role == MemberRole::Lend || Role == MemberRole::Take)
        Consequence = 1;
      diag(Location,
           "'%0' on '%1' inside its own '%2': %select{a map cell refuses "
           "re-entrant access and reports it (leash::MapCell panics)|a take "
           "cell is empty while it is mapped, so this finds nothing|one of "
           "the two values is lost when the outer '%2' puts its value "
           "back}3")
          << calledName(Call)
          << spelling(Call->getImplicitObjectArgument(), Context)
          << calledName(Outer) << Consequence;
      SourceLocation Mapped = Outer->getExprLoc();
      if (Mapped.isMacroID())
        Mapped = Context.getSourceManager().getExpansionLoc(Mapped);
      diag(Mapped, "cell mapped here", DiagnosticIDs::Note);
    }
  }
}

} // namespace clang::tidy::leash
