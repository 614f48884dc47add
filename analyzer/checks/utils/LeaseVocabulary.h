//===--- LeaseVocabulary.h - What the lease rules recognise -----*- C++ -*-===//
///
/// \file
/// The lease-specific parts of the vocabulary, shared by the lease rules:
/// where a lease is created from an array, what reads or writes the
/// contents of a LEASH_IN_FLIGHT member, and where a lease's raw address
/// comes from. Everything is recognised by annotation (LEASH_LEASE,
/// LEASH_IN_FLIGHT, LEASH_UNSAFE_API, LEASH_ROLE), never by name.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEVOCABULARY_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEVOCABULARY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"

#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leash {

/// A lease made from an array: a call or construction whose result is a
/// lease and which binds an array to a reference-to-array parameter (the
/// vocabulary's `Lease<T>::from(array)`, or a project's own lease type
/// built the same way). Moves and copies of a lease are not creations.
struct LeaseCreation {
  /// The call or construction.
  const Expr *Creation = nullptr;
  /// The array argument, as written.
  const Expr *Array = nullptr;
  /// The variable that is the array, when the argument names one (null for
  /// `rows[i]`, a member of another object, ...).
  const VarDecl *ArrayVariable = nullptr;
};

/// The lease creation that \p E is, if it is one.
std::optional<LeaseCreation> leaseCreation(const Expr *E);

/// How to name the array of \p Creation in a message: `'storage'`, or
/// "an array".
std::string describeLeasedArray(const LeaseCreation &Creation);

/// The LEASH_IN_FLIGHT data member that \p E names (`in_flight_`,
/// `this->in_flight_`, `driver.in_flight_`), through parentheses and
/// implicit casts; null if \p E is not such a member.
const FieldDecl *inFlightMember(const Expr *E);

/// Whether \p Method, called on a LEASH_IN_FLIGHT member, leaves its
/// contents alone: a member of a cell (a class marked LEASH_CELL) that moves
/// a lease in or out or looks at whether one is there (the roles "take",
/// "put", "replace", "test_empty", "test_full": TakeCell's `take`, `put`,
/// `replace`, `is_some`, `is_none`), or a lease's own emptiness test
/// ("test_empty": `is_empty`).
bool isInFlightSafeMember(const CXXMethodDecl *Method);

/// What a LEASH_IN_FLIGHT member of type \p Type may do while the hardware
/// owns its buffer, for a message: for a lease, moving it; then its class's
/// in-flight-safe members by name (`take`, `put`, `replace`, `is_some`,
/// `is_none` for a TakeCell; a project's own names for its own cell).
std::vector<std::string> inFlightAllowedUses(QualType Type);

/// Whether \p Type is an `std::optional`-like wrapper of a lease: a class
/// template specialization (not a cell or a lease) whose first template
/// argument is a lease and which has a member with the role "test_full",
/// as `std::optional<Lease<T>>` (what `MapCell<Lease<T>>::take()` returns)
/// or a project's own annotated wrapper.
bool isLeaseWrapperType(QualType Type);

/// Whether \p Call calls a LEASH_UNSAFE_API member of a lease (its raw
/// address accessor, `raw_data`) and yields a pointer.
bool isLeaseRawAddressCall(const Expr *Call);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEVOCABULARY_H
