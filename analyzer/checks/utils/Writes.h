//===--- Writes.h - What an expression does to its object -------*- C++ -*-===//
///
/// \file
/// Whether an expression that names an object (a data member, a variable) is
/// used to change it: assigned, incremented, given to a non-const member
/// function, or given away as a non-const pointer or reference.
/// leash-component-mutable-field asks it about components' data members.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_WRITES_H
#define LEASH_ANALYZER_CHECKS_UTILS_WRITES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>

namespace clang::tidy::leash {

/// How an object is changed.
enum class WriteKind {
  /// `x = v`, `x += v`.
  Assignment,
  /// `++x`, `x--`.
  Increment,
  /// `x.clear()`, `x.push(v)`: a non-const member function (or a
  /// non-const member operator other than `=`).
  NonConstMemberCall,
  /// `&x` as a non-const pointer, or an array decaying to one.
  NonConstAddress,
  /// `T &r = x`, `f(x)` with `f(T &)`, `return x` from a function returning
  /// `T &`, `std::move(x)`.
  NonConstReference,
};

/// A write, and where it is.
struct Write {
  WriteKind Kind;
  /// The expression that writes (the assignment, the call, the `&`).
  const Expr *Writer = nullptr;
  /// The non-const member function called, for NonConstMemberCall.
  const FunctionDecl *Callee = nullptr;
};

/// Whether the object that \p Object designates (an lvalue naming it, such
/// as a MemberExpr or a DeclRefExpr) is changed by the expressions around
/// it. Follows the object into its elements and members (`x[i] = v`,
/// `x.part = v`, `x.at(i) = v` through a non-const member returning a
/// reference), and stops at a read (`x + 1`, `x.size()`, a copy) or at a
/// pointer's value being read (`x->part = v` changes what `x` points to, not
/// `x`). A reference bound by compiler-generated code (the hidden variables
/// of a range-based `for`) counts as a read.
std::optional<Write> findWrite(const Expr *Object, ASTContext &Context);

/// A short description of \p Kind for messages: "assignment to",
/// "increment of", "non-const member call on", "non-const address of",
/// "non-const reference to".
llvm::StringRef describeWrite(WriteKind Kind);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_WRITES_H
