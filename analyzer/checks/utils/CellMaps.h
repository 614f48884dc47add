//===--- CellMaps.h - Calls of a cell's map and their callables -*- C++ -*-===//
///
/// \file
/// What the rules about cells' `map` share: which calls lend a reference
/// (a member with the role "lend" of a TakeCell or a MapCell: `map`,
/// `map_or`, or a project's own), and which lambda is the callable that
/// receives it.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_CELLMAPS_H
#define LEASH_ANALYZER_CHECKS_UTILS_CELLMAPS_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::leash {

/// The name of the member function \p Call calls, or empty: for messages
/// only (members are recognised by their role, see MemberRoles.h).
llvm::StringRef calledName(const CXXMemberCallExpr *Call);

/// The kind of the cell that \p Call is called on, if it is a cell that
/// lends references from its `map`: "take" (TakeCell) or "map" (MapCell),
/// of the vocabulary or a user's annotated type.
std::optional<llvm::StringRef> lendingCellKind(const CXXMemberCallExpr *Call);

/// Whether \p Call lends a reference: a member with the role "lend", called
/// on a lending cell.
bool isLendingMap(const CXXMemberCallExpr *Call);

/// The lambda that \p Argument is, or names (a local variable initialized
/// with a lambda), or null.
const LambdaExpr *lambdaOf(const Expr *Argument);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_CELLMAPS_H
