//===--- MemberRoles.h - What a vocabulary member does ----------*- C++ -*-===//
///
/// \file
/// The role of a member function of a cell, a lease, a list or a wrapper of
/// a lease: what a call of it does to what the object holds. Every check
/// that cares what a member does asks here, and the answer comes from the
/// LEASH_ROLE("...") annotation on the member, never from its name, so a
/// project whose lease says `empty()` or whose list says `insert_front`
/// gets the same checks as the vocabulary.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_MEMBERROLES_H
#define LEASH_ANALYZER_CHECKS_UTILS_MEMBERROLES_H

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::leash {

/// What a member does to the content of its object; the role strings of
/// LEASH_ROLE are the comments' first words.
enum class MemberRole {
  /// "take": moves the content out and leaves the object empty.
  Take,
  /// "put": stores a value (moves it in), over what was held.
  Put,
  /// "replace": stores a value and returns the one it held.
  Replace,
  /// "lend": runs a callable with the content (a reference to it, or a
  /// copy), then keeps it (Rust's `map`).
  Lend,
  /// "get": returns a copy of the content and leaves it in place.
  Get,
  /// "clear": empties the object, destroying what it held.
  Clear,
  /// "swap": exchanges the content with another object's.
  Swap,
  /// "test_empty": returns true when the object holds nothing.
  TestEmpty,
  /// "test_full": returns true when the object holds something.
  TestFull,
  /// "unwrap": returns a reference to the content, in place.
  Unwrap,
  /// "link": links a node, its argument, into an intrusive list.
  Link,
  /// "unlink": removes a node from an intrusive list.
  Unlink,
};

/// The names LEASH_ROLE takes, one per MemberRole, in its order.
llvm::ArrayRef<llvm::StringLiteral> roleNames();

/// The role that LEASH_ROLE(\p Name) gives, if \p Name is a role's name.
std::optional<MemberRole> roleNamed(llvm::StringRef Name);

/// The role of \p Method: from LEASH_ROLE on it, on a redeclaration or on
/// the template it was instantiated from, or else on a member it overrides.
/// `std::optional`, which a project cannot annotate and which the vocabulary
/// hands leases out in
/// (`MapCell::take`), has its roles spelled here once. Nothing for a member
/// without a role, which is an ordinary use of its object.
std::optional<MemberRole> memberRole(const CXXMethodDecl *Method);

/// The role of the member that \p Call calls.
std::optional<MemberRole> calledRole(const CXXMemberCallExpr *Call);

/// Whether \p Method has the role \p Role.
inline bool hasRole(const CXXMethodDecl *Method, MemberRole Role) {
  return memberRole(Method) == Role;
}

/// Whether \p Role tests whether the object holds something ("test_empty"
/// or "test_full"): such a call looks at the object and uses nothing of
/// what it holds.
inline bool isEmptinessTest(std::optional<MemberRole> Role) {
  return Role == MemberRole::TestEmpty || Role == MemberRole::TestFull;
}

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_MEMBERROLES_H
