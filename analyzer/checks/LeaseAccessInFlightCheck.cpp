//===--- LeaseAccessInFlightCheck.cpp - leash-lease-access-in-flight ------===//

#include "LeaseAccessInFlightCheck.h"
#include "utils/AstWalk.h"
#include "utils/LeaseVocabulary.h"
#include "utils/MessageText.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// The parent of \p E through parentheses and implicit casts, and the child
/// of that parent on the way from \p E.
std::pair<DynTypedNode, const Expr *> usingParent(const Expr *E,
                                                  ASTContext &Context) {
  const Expr *Child = nullptr;
  DynTypedNode Parent =
      parentThrough(Context, E, Child, [](const Expr *Through, const Expr *) {
        return isa<ParenExpr, ImplicitCastExpr>(Through);
      });
  return {Parent, Child};
}

/// What \p Member's use in its parent does, or nothing if it leaves the
/// in-flight contents alone.
std::optional<std::string> contentsAccess(const MemberExpr *Member,
                                          const FieldDecl *Field,
                                          ASTContext &Context) {
  const bool IsLease = isLeaseType(Field->getType());
  auto [ParentNode, Child] = usingParent(Member, Context);
  if (const auto *Var = ParentNode.get<VarDecl>())
    // The hidden `__range` variable of a range-based for, or a reference.
    return std::string(Var->isImplicit() ? "iteration"
                                         : "binding a reference to it");
  const auto *Parent = ParentNode.get<Stmt>();
  if (!Parent)
    return std::string("a use");
  if (const auto *Access = dyn_cast<MemberExpr>(Parent)) {
    const auto *Method = dyn_cast<CXXMethodDecl>(Access->getMemberDecl());
    if (!Method)
      return "access to '" + Access->getMemberDecl()->getNameAsString() + "'";
    if (isInFlightSafeMember(Method))
      return std::nullopt;
    return "call to '" + Method->getNameAsString() + "'";
  }
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(Parent)) {
    if (IsLease && Operator->getOperator() == OO_Equal &&
        Operator->getArg(0) == Child && Operator->getNumArgs() == 2 &&
        Operator->getArg(1)->isXValue())
      return std::nullopt; // A lease moved in.
    return "use of 'operator" +
           std::string(getOperatorSpelling(Operator->getOperator())) + "'";
  }
  if (const auto *Call = dyn_cast<CallExpr>(Parent)) {
    if (IsLease && isMoveLike(Call))
      return std::nullopt; // A lease moved out.
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return "passing it by reference to '" + Callee->getNameAsString() + "'";
    return std::string("passing it by reference");
  }
  if (const auto *Cast = dyn_cast<CXXStaticCastExpr>(Parent)) {
    if (IsLease && Cast->isXValue())
      return std::nullopt; // A lease moved out.
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(Parent);
      Unary && Unary->getOpcode() == UO_AddrOf)
    return std::string("taking its address");
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(Parent)) {
    if (Construct->getConstructor()->isCopyConstructor())
      return std::string("a copy");
    return std::string("passing it by reference to a constructor");
  }
  return std::string("a use");
}

} // namespace

void LeaseAccessInFlightCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(memberExpr(member(fieldDecl())).bind("member"), this);
}

void LeaseAccessInFlightCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *Member = Result.Nodes.getNodeAs<MemberExpr>("member");
  const FieldDecl *Field = inFlightMember(Member);
  if (!Field)
    return;
  if (!Contexts)
    Contexts = std::make_unique<UnsafeContext>(*Result.Context);
  // Templates are looked at in their instantiations, where the members
  // called are known; every instantiation reports at the same place.
  const FunctionDecl *Function = Contexts->enclosingFunction(Member);
  if (Contexts->isImplicitCode(Member) ||
      (Function && Function->isDependentContext()))
    return;
  std::optional<std::string> Access =
      contentsAccess(Member, Field, *Result.Context);
  if (!Access)
    return;
  SourceLocation Location =
      Result.SourceManager->getExpansionLoc(Member->getMemberLoc());
  if (!Reported.insert(Location).second)
    return;
  const std::vector<std::string> Allowed =
      inFlightAllowedUses(Field->getType());
  diag(Location, "%0 on in-flight member %1 touches a buffer that the "
                 "hardware owns; while the transfer runs %select{nothing of "
                 "it|only %3}2 %select{is|are}4 allowed")
      << *Access << Field << !Allowed.empty() << joinedWithAnd(Allowed)
      << (Allowed.size() > 1);
  diag(Field->getLocation(), "in-flight member declared here",
       DiagnosticIDs::Note);
}

void LeaseAccessInFlightCheck::onEndOfTranslationUnit() {
  Contexts.reset();
  Reported.clear();
}

} // namespace clang::tidy::leash
