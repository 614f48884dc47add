//===--- AstWalk.h - Walking the AST up and across calls --------*- C++ -*-===//
///
/// \file
/// The walks that the checks share: up the parent map (through the nodes
/// that the compiler adds around an expression, or to the function whose
/// body holds a statement), and from a call's arguments to the parameters
/// they bind, the way clang's `forEachArgumentWithParam` matcher pairs them
/// (the object of a member operator call binds no parameter; arguments of
/// a variadic tail bind none).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_ASTWALK_H
#define LEASH_ANALYZER_CHECKS_UTILS_ASTWALK_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/STLFunctionalExtras.h"

namespace clang::tidy::leash {

/// How many nodes a walk up through the compiler's own layers around one
/// expression (parentheses, implicit casts, temporaries, cleanups) passes
/// at most: real code has a handful; the bound only stops a runaway walk.
constexpr unsigned MaxImplicitLayers = 64;

/// How many parents a walk up to a statement's enclosing function (or
/// another far ancestor) visits at most: deeper than any code's nesting.
constexpr unsigned MaxNestingDepth = 4096;

/// How many parents a walk up to a near ancestor (the statement around a
/// declaration, the call around an argument) visits at most.
constexpr unsigned MaxNearAncestors = 8;

/// The first parent of \p Node, or an empty node at the top.
DynTypedNode parentOf(const DynTypedNode &Node, ASTContext &Context);

/// The parent of \p E through the expressions that \p Through accepts (it
/// is given each parent with the child it was reached from); \p Child is
/// set to the last expression passed on the way. Empty at the top of the
/// tree, or after MaxImplicitLayers expressions.
DynTypedNode parentThrough(
    ASTContext &Context, const Expr *E, const Expr *&Child,
    llvm::function_ref<bool(const Expr *Parent, const Expr *Child)> Through);

/// The parent of \p E through parentheses, implicit casts, temporaries and
/// cleanups; \p Child is set to the last expression passed on the way. The
/// element of a brace list is the argument of the constructor that
/// converts it, when there is one (the parent map names the list).
DynTypedNode parentThroughImplicit(ASTContext &Context, const Expr *E,
                                   const Expr *&Child);

/// The function whose body contains \p Node (a lambda's call operator inside
/// a lambda), or null. The walk passes through every kind of node
/// (member initializers and default arguments included).
const FunctionDecl *enclosingFunction(DynTypedNode Node, ASTContext &Context);

/// The function that \p CallOrConstruct (a CallExpr or a CXXConstructExpr)
/// calls, if it is known.
const FunctionDecl *calleeOf(const Expr *CallOrConstruct);

/// Whether \p Call is `std::move`-like: one argument, and an rvalue
/// reference returned (`std::move`, `std::forward`, a project's own).
bool isMoveLike(const CallExpr *Call);

/// The expression that \p E moves from when \p E, through parentheses and
/// implicit casts, is a `std::move`-like call; \p E itself otherwise. What
/// a move hands on is what the moved expression holds.
const Expr *ignoringMoves(const Expr *E);

/// Calls \p Visit with each argument of \p CallOrConstruct (a CallExpr or a
/// CXXConstructExpr) and the parameter of the callee that it binds, in
/// order. The object of a member operator call, arguments past the last
/// parameter (a variadic tail) and calls of unknown callees are skipped.
void forEachArgumentWithParameter(
    const Expr *CallOrConstruct,
    llvm::function_ref<void(const Expr *Argument, const ParmVarDecl *Parameter)>
        Visit);

/// The parameter that \p Argument, an argument of \p CallOrConstruct,
/// binds; null if none (see forEachArgumentWithParameter).
const ParmVarDecl *parameterFor(const Expr *CallOrConstruct,
                                const Expr *Argument);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_ASTWALK_H
