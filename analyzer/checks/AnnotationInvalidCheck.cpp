//===--- AnnotationInvalidCheck.cpp - leash-annotation-invalid ------------===//

#include "AnnotationInvalidCheck.h"

#include "utils/MemberRoles.h"
#include "utils/Sharing.h"
#include "utils/Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "llvm/ADT/StringExtras.h"

#include <string>

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// The farthest a misspelling may be from a name (in edits) to be suggested:
/// two catches a swapped pair of letters or a dropped underscore, and no
/// two of the names are that close to each other.
constexpr unsigned SuggestionDistance = 2;

/// The name of \p Known nearest to \p Written, if one is near enough to be
/// what was meant.
std::optional<llvm::StringRef>
nearestName(llvm::StringRef Written,
            llvm::ArrayRef<llvm::StringLiteral> Known) {
  std::optional<llvm::StringRef> Nearest;
  unsigned Best = SuggestionDistance + 1;
  for (llvm::StringRef Name : Known) {
    unsigned Distance = Written.edit_distance(Name, /*AllowReplacements=*/true,
                                              SuggestionDistance + 1);
    if (Distance < Best && Distance < Name.size()) {
      Best = Distance;
      Nearest = Name;
    }
  }
  return Nearest;
}

/// Whether a role on \p D can mean something: \p D is a member function
/// that a call names on an object (not static, not a constructor or a
/// destructor).
bool canHaveRole(const Decl *D) {
  const auto *Method = dyn_cast<CXXMethodDecl>(D);
  return Method && !Method->isStatic() && !isa<CXXConstructorDecl>(Method) &&
         !isa<CXXDestructorDecl>(Method);
}

/// The macro that spells the annotation \p Name, for messages.
llvm::StringRef macroOf(llvm::StringRef Name) {
  if (Name == annotation::Cell)
    return "LEASH_CELL";
  if (Name == annotation::Lease)
    return "LEASH_LEASE";
  if (Name == annotation::StaticOnly)
    return "LEASH_STATIC_ONLY";
  if (Name == annotation::Component)
    return "LEASH_COMPONENT";
  return "LEASH_ROLE";
}

/// How \p D is named in a message.
std::string nameOf(const Decl *D) {
  if (const auto *Named = dyn_cast<NamedDecl>(D))
    if (!Named->getDeclName().isEmpty())
      return "'" + Named->getNameAsString() + "'";
  return "a declaration";
}

} // namespace

void AnnotationInvalidCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(
      decl(hasAttr(attr::Annotate), unless(isExpansionInSystemHeader()))
          .bind("decl"),
      this);
}

void AnnotationInvalidCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *D = Result.Nodes.getNodeAs<Decl>("decl");
  // A template's annotations are judged once, at the template.
  if (D->isImplicit() || isInInstantiation(D))
    return;
  const SourceManager &Sources = *Result.SourceManager;
  for (const auto *Attr : D->specific_attrs<AnnotateAttr>()) {
    // Written on this declaration, not carried over from an earlier one.
    if (Attr->isInherited())
      continue;
    const llvm::StringRef Name = Attr->getAnnotation();
    const bool IsRole = Name == annotation::Role;
    const bool IsType = Name == annotation::Cell || Name == annotation::Lease ||
                        Name == annotation::StaticOnly ||
                        Name == annotation::Component;
    if (!IsRole && !IsType)
      continue;
    const SourceLocation Where = Sources.getExpansionLoc(Attr->getLocation());
    if (IsRole && !canHaveRole(D)) {
      diag(Where, "LEASH_ROLE on %0, which is not a member function called "
                  "on an object, has no effect")
          << nameOf(D);
      continue;
    }
    if (IsType && !isa<CXXRecordDecl>(D)) {
      diag(Where, "%0 on %1, which is not a class, has no effect")
          << macroOf(Name) << nameOf(D);
      continue;
    }
    if (!IsRole && Name != annotation::Cell)
      continue;
    const llvm::ArrayRef<llvm::StringLiteral> Known =
        IsRole ? roleNames() : cellKinds();
    const llvm::StringRef What = IsRole ? "role" : "cell kind";
    const StringLiteral *Literal = annotationLiteral(Attr);
    if (!Literal) {
      diag(Where, "%0 takes a string literal, one of: %1")
          << macroOf(Name) << llvm::join(Known, ", ");
      continue;
    }
    const llvm::StringRef Written = Literal->getString();
    if (llvm::is_contained(Known, Written))
      continue;
    // At the string itself, where the fix goes.
    const SourceLocation At = Sources.getSpellingLoc(Literal->getBeginLoc());
    const std::string Consequence =
        IsRole ? "a call of " + nameOf(D) + " is an ordinary use of its object"
               : nameOf(D) + " gets no check that depends on its kind";
    if (std::optional<llvm::StringRef> Meant = nearestName(Written, Known)) {
      diag(At, "unknown %0 '%1' in %2; did you mean '%3'? (as written, %4)")
          << What << Written << macroOf(Name) << *Meant << Consequence
          << FixItHint::CreateReplacement(
                 CharSourceRange::getTokenRange(At, At),
                 ("\"" + *Meant + "\"").str());
      continue;
    }
    diag(At, "unknown %0 '%1' in %2, which takes one of: %3 (as written, %4)")
        << What << Written << macroOf(Name) << llvm::join(Known, ", ")
        << Consequence;
  }
}

} // namespace clang::tidy::leash
