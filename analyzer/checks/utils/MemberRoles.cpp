//===--- MemberRoles.cpp - What a vocabulary member does ------------------===//

#include "MemberRoles.h"

#include "Vocabulary.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringSwitch.h"

#include <iterator>

namespace clang::tidy::leash {

namespace {

/// The roles, in the order of MemberRole, by the names LEASH_ROLE spells.
constexpr llvm::StringLiteral RoleNames[] = {
    "take", "put",        "replace",   "lend",   "get",  "clear",
    "swap", "test_empty", "test_full", "unwrap", "link", "unlink"};
static_assert(std::size(RoleNames) ==
                  static_cast<std::size_t>(MemberRole::Unlink) + 1,
              "one name per role");

/// The role of a member of `std::optional`: the standard library is the
/// one wrapper of leases that nobody can annotate, and the vocabulary
/// returns leases in it, so its members get their roles here.
std::optional<MemberRole> standardOptionalRole(const CXXMethodDecl *Method) {
  const CXXRecordDecl *Class = Method->getParent();
  if (!Class->isInStdNamespace() || !Class->getIdentifier() ||
      Class->getName() != "optional")
    return std::nullopt;
  if (isa<CXXConversionDecl>(Method))
    return MemberRole::TestFull; // `explicit operator bool`
  if (!Method->getIdentifier())
    return std::nullopt;
  return llvm::StringSwitch<std::optional<MemberRole>>(Method->getName())
      .Case("has_value", MemberRole::TestFull)
      .Case("reset", MemberRole::Clear)
      .Case("emplace", MemberRole::Put)
      .Case("swap", MemberRole::Swap)
      .Case("value", MemberRole::Unwrap)
      .Default(std::nullopt);
}

} // namespace

llvm::ArrayRef<llvm::StringLiteral> roleNames() { return RoleNames; }

std::optional<MemberRole> roleNamed(llvm::StringRef Name) {
  const auto *Found = llvm::find(RoleNames, Name);
  if (Found == std::end(RoleNames))
    return std::nullopt;
  return static_cast<MemberRole>(Found - std::begin(RoleNames));
}

std::optional<MemberRole> memberRole(const CXXMethodDecl *Method) {
  if (!Method)
    return std::nullopt;
  if (const AnnotateAttr *Role = findLeashAnnotation(Method, annotation::Role))
    if (std::optional<llvm::StringRef> Name = annotationArgument(Role))
      return roleNamed(*Name);
  // An override does what the member it overrides says it does: the role
  // is written once, on the interface.
  for (const CXXMethodDecl *Overridden : Method->overridden_methods())
    if (std::optional<MemberRole> Role = memberRole(Overridden))
      return Role;
  return standardOptionalRole(Method);
}

std::optional<MemberRole> calledRole(const CXXMemberCallExpr *Call) {
  return Call ? memberRole(Call->getMethodDecl()) : std::nullopt;
}

} // namespace clang::tidy::leash
