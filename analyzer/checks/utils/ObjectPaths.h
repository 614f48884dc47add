//===--- ObjectPaths.h - Which object an expression names -------*- C++ -*-===//
///
/// \file
/// A syntactic name for the object an lvalue expression designates — a
/// variable or `this`, then members and constant subscripts — so that two
/// expressions can be found to name the same object (`buffer_` and
/// `this->buffer_`, `cells[1]` and `alias[1]` with `auto &alias = cells`).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_OBJECTPATHS_H
#define LEASH_ANALYZER_CHECKS_UTILS_OBJECTPATHS_H

#include "clang/AST/Expr.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>

namespace clang::tidy::leash {

/// One step of a NamedObject: a declaration (the root variable, a field), an
/// arrow, `this`, or a constant index.
struct ObjectStep {
  enum Kind { Variable, This, Field, Arrow, Index } StepKind;
  const Decl *Declaration = nullptr;
  int64_t Value = 0;
  bool operator==(const ObjectStep &Other) const {
    return StepKind == Other.StepKind && Declaration == Other.Declaration &&
           Value == Other.Value;
  }
};

/// The steps from the root to the object, root first.
using NamedObject = llvm::SmallVector<ObjectStep, 6>;

/// The object \p E names, or none if it cannot be told syntactically (a
/// call's result, a subscript that is not a constant). A reference variable
/// bound to a named object is replaced by that object.
std::optional<NamedObject> namedObject(const Expr *E,
                                       const ASTContext &Context);

/// How the object \p E names is spelled, for a message: "buffer_",
/// "console.output_", "this->slot_", "banks_[1]" (also inside a macro).
std::string spelling(const Expr *E, const ASTContext &Context);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_OBJECTPATHS_H
