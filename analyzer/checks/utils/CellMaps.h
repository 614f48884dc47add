//===--- CellMaps.h - Calls of a cell's map and their callables -*- C++ -*-===//
///
/// \file
/// What the rules about cells' `map` share: which calls lend a reference
/// (the map family of a TakeCell or a MapCell), and which lambda is the
/// callable that receives it.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_CELLMAPS_H
#define LEASH_ANALYZER_CHECKS_UTILS_CELLMAPS_H

#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::leash {

/// Whether \p Name is a member of the map family: `map`, `map_or`, ...
bool isMapFamily(llvm::StringRef Name);

/// The name of the member function \p Call calls, or empty.
llvm::StringRef calledName(const CXXMemberCallExpr *Call);

/// The kind of the cell that \p Call is called on, if it is a cell that
/// lends references from its `map`: "take" (TakeCell) or "map" (MapCell),
/// of the vocabulary or a user's annotated type.
std::optional<llvm::StringRef> lendingCellKind(const CXXMemberCallExpr *Call);

/// Whether \p Call is a map-family call on a lending cell.
bool isLendingMap(const CXXMemberCallExpr *Call);

/// The lambda that \p Argument is, or names (a local variable initialized
/// with a lambda), or null.
const LambdaExpr *lambdaOf(const Expr *Argument);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_CELLMAPS_H
