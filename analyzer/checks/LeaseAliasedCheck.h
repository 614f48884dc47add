//===--- LeaseAliasedCheck.h - leash-lease-aliased --------------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASEALIASEDCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASEALIASEDCHECK_H

#include "utils/ObjectPaths.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

#include <string>

namespace clang::tidy::leash {

/// Finds buffers with more than one lease (Rust: a `&'static mut [u8]` is
/// unique, and Tock makes each one once, at board start-up, with
/// `static_init!`). A lease creation is a call or construction of a
/// LEASH_LEASE type that binds an array to a reference-to-array parameter
/// (`Lease<T>::from(array)`). Reported:
///
/// - a creation from an array that an earlier creation in the translation
///   unit already leased (the same variable, or the same row or member of
///   one, told by constant subscripts; or a part of it, or a whole that
///   contains it), with a note at the first lease;
/// - a creation inside a loop, with a note at the loop;
/// - a creation in a function that can run more than once: anywhere but
///   `main()`, the initializer of a namespace-scope or static-local object
///   (which runs once), or a function marked LEASH_UNSAFE("why"), whose
///   reason says why it runs once. A lambda is a function of its own.
///
/// Each creation is reported once (the first of these that applies), at
/// the template for a creation in a template. The check has no options.
class LeaseAliasedCheck : public ClangTidyCheck {
public:
  LeaseAliasedCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// An object leased in this translation unit, where it was first leased,
  /// and how messages name it.
  struct LeasedObject {
    NamedObject Path;
    SourceLocation Location;
    std::string Spelling;
  };
  /// The leased objects, in the order of their first creation (a unit
  /// creates few leases, so a list is enough).
  llvm::SmallVector<LeasedObject, 16> Leased;
  /// Creation sites already looked at (a template's instantiations share
  /// one site).
  llvm::DenseSet<SourceLocation> Seen;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASEALIASEDCHECK_H
