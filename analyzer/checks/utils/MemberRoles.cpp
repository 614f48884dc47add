//===--- MemberRoles.cpp - What a vocabulary member does ------------------===//

#include "MemberRoles.h"

#include "Vocabulary.h"

#include "llvm/ADT/StringSwitch.h"

namespace clang::tidy::leash {

namespace {

/// The role that the string given to LEASH_ROLE names, if it names one.
std::optional<MemberRole> parseRole(llvm::StringRef Role) {
  return llvm::StringSwitch<std::optional<MemberRole>>(Role)
      .Case("take", MemberRole::Take)
      .Case("put", MemberRole::Put)
      .Case("replace", MemberRole::Replace)
      .Case("lend", MemberRole::Lend)
      .Case("get", MemberRole::Get)
      .Case("clear", MemberRole::Clear)
      .Case("swap", MemberRole::Swap)
      .Case("test_empty", MemberRole::TestEmpty)
      .Case("test_full", MemberRole::TestFull)
      .Case("unwrap", MemberRole::Unwrap)
      .Case("link", MemberRole::Link)
      .Case("unlink", MemberRole::Unlink)
      .Default(std::nullopt);
}

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

std::optional<MemberRole> memberRole(const CXXMethodDecl *Method) {
  if (!Method)
    return std::nullopt;
  if (const AnnotateAttr *Role = findLeashAnnotation(Method, annotation::Role))
    if (std::optional<llvm::StringRef> Name = annotationArgument(Role))
      return parseRole(*Name);
  return standardOptionalRole(Method);
}

std::optional<MemberRole> calledRole(const CXXMemberCallExpr *Call) {
  return Call ? memberRole(Call->getMethodDecl()) : std::nullopt;
}

} // namespace clang::tidy::leash
