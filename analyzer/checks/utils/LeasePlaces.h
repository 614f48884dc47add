//===--- LeasePlaces.h - The places that hold leases ------------*- C++ -*-===//
///
/// \file
/// What the lease dataflow (LeaseFlow.h) tracks in one function, and how an
/// expression names it.
///
/// A place is where a lease lives: a local variable or a parameter that is
/// a lease, an `std::optional`-like wrapper of a lease (what
/// `MapCell<Lease>::take()` returns), or such a field of a struct variable
/// (`request.payload`, up to three fields deep) or a by-copy capture of a
/// closure variable (`send.held` for `auto send = [held = ...]`). A parameter
/// taken by non-const lvalue reference to a lease or a wrapper is a borrowed
/// place: the caller's lease, which the function may move away. A local
/// reference bound to a place is another name for it.
///
/// Expressions name places two ways: bottom-up from a variable's mention
/// (`request` in `std::move(request.payload)` names `request.payload`, and
/// `request` alone names all of its places), and top-down from an
/// expression (`*slot`, `slot.value()`, `request.payload`).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEPLACES_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEPLACES_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Expr.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leash {

/// One place that holds a lease.
struct LeasePlace {
  enum KindType {
    /// The place is a lease.
    Lease,
    /// The place is an optional-like wrapper that may hold a lease.
    Wrapper,
  };
  KindType Kind = Lease;
  /// The variable the place is, or is a field of.
  const VarDecl *Root = nullptr;
  /// The fields from the variable to the place (empty for the variable).
  llvm::SmallVector<const FieldDecl *, 2> Path;
  /// How messages name it: `buffer`, `request.payload`.
  std::string Name;
  /// A parameter taken by non-const lvalue reference: the caller's lease.
  bool Borrowed = false;
};

/// What an expression names: one place, or all the places of an aggregate.
struct NamedPlaces {
  /// The outermost expression that names them (`request.payload`).
  const Expr *Outer = nullptr;
  /// The places, in order.
  llvm::SmallVector<unsigned, 2> Places;
  /// Whether the expression is exactly one place (not an aggregate).
  bool Exact = false;
  /// How many fields the expression goes into its variable.
  unsigned PathLength = 0;
};

/// The places of one function.
class LeasePlaces {
public:
  /// Collects the places of \p Function.
  LeasePlaces(const FunctionDecl *Function, ASTContext &Context);

  /// All places.
  llvm::ArrayRef<LeasePlace> all() const { return Places; }
  /// The places of variable \p Var (none for a reference to a place).
  llvm::ArrayRef<unsigned> of(const VarDecl *Var) const;
  /// How many local `bool` variables the function has (each may hold the
  /// answer of an emptiness test).
  unsigned flags() const { return Flags; }

  /// What the mention \p Reference of a variable names, reading upward
  /// through field accesses; nothing if it names no place (a field that
  /// holds no lease, an untracked variable).
  std::optional<NamedPlaces> mentioned(const DeclRefExpr *Reference) const;
  /// What \p E names, reading downward through `*w`, `w->`, `w.value()`
  /// of a wrapper, field accesses and local references; nothing if no
  /// place.
  std::optional<NamedPlaces> designated(const Expr *E) const;

private:
  void addPlaces(const VarDecl *Root, QualType Type,
                 llvm::SmallVector<const FieldDecl *, 2> &Path,
                 const std::string &Name, bool Borrowed, unsigned Depth);
  /// The places in the by-copy captures of lambda \p Closure.
  void addCapturedPlaces(const VarDecl *Root, const CXXRecordDecl *Closure,
                         llvm::SmallVector<const FieldDecl *, 2> &Path,
                         const std::string &Name, bool Borrowed,
                         unsigned Depth);
  /// The places under \p Root whose path starts with \p Path.
  NamedPlaces under(const VarDecl *Root,
                    llvm::ArrayRef<const FieldDecl *> Path) const;

  ASTContext &Context;
  std::vector<LeasePlace> Places;
  unsigned Flags = 0;
  llvm::DenseMap<const VarDecl *, llvm::SmallVector<unsigned, 1>> ByRoot;
  /// Local references, and the places they are bound to.
  llvm::DenseMap<const VarDecl *, NamedPlaces> Aliases;
};

/// The expression that initializes the place at \p Path inside a variable
/// initialized by \p Init: null when nothing does (no initializer, value
/// initialization, a brace list without that field). When a value that
/// hides the place comes first (a call's result, a struct moved in), that
/// value, with \p Opaque set.
const Expr *placeInitializer(const Expr *Init,
                             llvm::ArrayRef<const FieldDecl *> Path,
                             bool &Opaque);

/// Whether \p Init, the initializer of a variable, leaves the place at
/// \p Path inside that variable empty: default or value initialization, an
/// `std::nullopt`-like tag for a wrapper, a brace list without that field.
bool initializesEmpty(const Expr *Init, llvm::ArrayRef<const FieldDecl *> Path,
                      LeasePlace::KindType Kind);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEPLACES_H
