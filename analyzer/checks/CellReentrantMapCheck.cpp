//===--- CellReentrantMapCheck.cpp - leash-cell-reentrant-map -------------===//

#include "CellReentrantMapCheck.h"

#include "utils/CellMaps.h"
#include "utils/ObjectPaths.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// Whether \p Name is a member that re-enters a mapped cell.
bool isReentrantAccess(llvm::StringRef Name) {
  return isMapFamily(Name) || Name == "take" || Name == "put" ||
         Name == "replace";
}

} // namespace

void CellReentrantMapCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      cxxMemberCallExpr(callee(cxxMethodDecl(matchesName("::map[a-z_]*$"))),
                        unless(isExpansionInSystemHeader()))
          .bind("map"),
      this);
}

void CellReentrantMapCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Outer = Result.Nodes.getNodeAs<CXXMemberCallExpr>("map");
  ASTContext &Context = *Result.Context;
  if (!isMapFamily(calledName(Outer)) || !lendingCellKind(Outer))
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
      llvm::StringRef Name = calledName(Call);
      std::optional<llvm::StringRef> Kind = lendingCellKind(Call);
      if (!isReentrantAccess(Name) || !Kind)
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
      int Consequence = *Kind == "map"                          ? 0
                        : (isMapFamily(Name) || Name == "take") ? 1
                                                                : 2;
      diag(Location,
           "'%0' on '%1' inside its own '%2': %select{a MapCell refuses "
           "re-entrant access and reports it (a panic in the kernel)|a "
           "TakeCell is empty while it is mapped, so this finds nothing|one of "
           "the two values is lost when the outer '%2' puts its value "
           "back}3")
          << Name << spelling(Call->getImplicitObjectArgument(), Context)
          << calledName(Outer) << Consequence;
      SourceLocation Mapped = Outer->getExprLoc();
      if (Mapped.isMacroID())
        Mapped = Context.getSourceManager().getExpansionLoc(Mapped);
      diag(Mapped, "cell mapped here", DiagnosticIDs::Note);
    }
  }
}

} // namespace clang::tidy::leash
