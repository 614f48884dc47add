//===--- AstWalk.cpp - Walking the AST up and across calls ----------------===//

#include "AstWalk.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leash {

DynTypedNode parentOf(const DynTypedNode &Node, ASTContext &Context) {
  DynTypedNodeList Parents = Context.getParents(Node);
  if (Parents.empty())
    return DynTypedNode();
  return Parents[0];
}

DynTypedNode parentThrough(
    ASTContext &Context, const Expr *E, const Expr *&Child,
    llvm::function_ref<bool(const Expr *Parent, const Expr *Child)> Through) {
  Child = E;
  for (unsigned Depth = 0; Depth < MaxImplicitLayers; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(*Child);
    if (Parents.empty())
      return DynTypedNode();
    const auto *Parent = Parents[0].get<Expr>();
    if (!Parent || !Through(Parent, Child))
      return Parents[0];
    Child = Parent;
  }
  return DynTypedNode();
}

DynTypedNode parentThroughImplicit(ASTContext &Context, const Expr *E,
                                   const Expr *&Child) {
  Child = E;
  for (unsigned Depth = 0; Depth < MaxImplicitLayers; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(*Child);
    if (Parents.empty())
      return DynTypedNode();
    DynTypedNode Chosen = Parents[0];
    // The parent map skips the conversion of a brace list's element (such
    // as the move constructor of a field) and names the list; the
    // conversion says what happens to the element.
    if (const auto *List = Chosen.get<InitListExpr>()) {
      if (List->getSemanticForm())
        List = List->getSemanticForm();
      for (const Expr *Init : List->inits())
        if (const auto *Construct = dyn_cast_or_null<CXXConstructExpr>(
                Init ? Init->IgnoreImplicit() : nullptr);
            Construct && llvm::is_contained(Construct->arguments(), Child))
          return DynTypedNode::create(*Construct);
    }
    const auto *Parent = Chosen.get<Expr>();
    if (Parent && isa<ParenExpr, ImplicitCastExpr, MaterializeTemporaryExpr,
                      CXXBindTemporaryExpr, ExprWithCleanups>(Parent)) {
      Child = Parent;
      continue;
    }
    return Chosen;
  }
  return DynTypedNode();
}

const FunctionDecl *enclosingFunction(DynTypedNode Node, ASTContext &Context) {
  for (unsigned Depth = 0; Depth < MaxNestingDepth; ++Depth) {
    Node = parentOf(Node, Context);
    if (Node.getNodeKind().isNone())
      return nullptr;
    if (const auto *Lambda = Node.get<LambdaExpr>())
      return Lambda->getCallOperator();
    if (const auto *Function = Node.get<FunctionDecl>())
      return Function;
  }
  return nullptr;
}

const FunctionDecl *calleeOf(const Expr *CallOrConstruct) {
  if (const auto *Construct =
          dyn_cast_or_null<CXXConstructExpr>(CallOrConstruct))
    return Construct->getConstructor();
  if (const auto *Call = dyn_cast_or_null<CallExpr>(CallOrConstruct))
    return Call->getDirectCallee();
  return nullptr;
}

bool isMoveLike(const CallExpr *Call) {
  const FunctionDecl *Callee = Call ? Call->getDirectCallee() : nullptr;
  return Callee && Call->getNumArgs() == 1 &&
         Callee->getReturnType()->isRValueReferenceType();
}

const Expr *ignoringMoves(const Expr *E) {
  while (E) {
    const auto *Call = dyn_cast<CallExpr>(E->IgnoreParenImpCasts());
    if (!isMoveLike(Call))
      return E;
    E = Call->getArg(0);
  }
  return E;
}

void forEachArgumentWithParameter(
    const Expr *CallOrConstruct,
    llvm::function_ref<void(const Expr *Argument, const ParmVarDecl *Parameter)>
        Visit) {
  const FunctionDecl *Callee = calleeOf(CallOrConstruct);
  if (!Callee)
    return;
  llvm::ArrayRef<const Expr *> Arguments;
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(CallOrConstruct))
    Arguments = llvm::ArrayRef(Construct->getArgs(), Construct->getNumArgs());
  else
    Arguments = llvm::ArrayRef(cast<CallExpr>(CallOrConstruct)->getArgs(),
                               cast<CallExpr>(CallOrConstruct)->getNumArgs());
  // A member operator's object is its first argument and binds no
  // parameter (`a = b` calls `a.operator=(b)`).
  const unsigned Offset =
      isa<CXXOperatorCallExpr>(CallOrConstruct) && isa<CXXMethodDecl>(Callee)
          ? 1
          : 0;
  for (unsigned I = Offset; I < Arguments.size(); ++I) {
    if (I - Offset >= Callee->getNumParams())
      return;
    Visit(Arguments[I], Callee->getParamDecl(I - Offset));
  }
}

const ParmVarDecl *parameterFor(const Expr *CallOrConstruct,
                                const Expr *Argument) {
  const ParmVarDecl *Found = nullptr;
  forEachArgumentWithParameter(
      CallOrConstruct,
      [&](const Expr *Candidate, const ParmVarDecl *Parameter) {
        if (!Found && Candidate == Argument)
          Found = Parameter;
      });
  return Found;
}

} // namespace clang::tidy::leash
