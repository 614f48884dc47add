//===--- GlobalMutableCheck.h - leash-global-mutable ------------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_GLOBALMUTABLECHECK_H
#define LEASH_ANALYZER_CHECKS_GLOBALMUTABLECHECK_H

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/SmallVector.h"

namespace clang::tidy::leash {

/// Finds shared state outside cells (Rust: a `static` must be immutable, or
/// hold its mutable state in a type with interior mutability; `static mut`
/// is unsafe to use):
/// - the definition of a mutable object of static storage duration (a
///   namespace-scope variable, a static data member, a static local) whose
///   type is not a cell (nor an array or class made only of cells), not a
///   component, not an atomic, not an empty class (a lambda without
///   captures has no state), and that is not the backing array of a lease
///   created in the same translation unit;
/// - any use of a lease's backing array other than creating its lease (and
///   other than in an unevaluated operand such as `sizeof`), with a note at
///   the lease's creation.
///
/// Templates are reported once, at the template. The implementation of the
/// vocabulary's own annotated types (cells, leases) is trusted, as Rust
/// trusts `core::cell`. It has no options.
class GlobalMutableCheck : public ClangTidyCheck {
public:
  GlobalMutableCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  bool isLanguageVersionSupported(const LangOptions &LangOpts) const override {
    return LangOpts.CPlusPlus;
  }
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  /// The static variables seen, in order, to judge at the end of the unit
  /// (a lease may be created from an array after its definition).
  llvm::SmallVector<const VarDecl *, 16> Variables;
  /// Where each lease's backing array has its lease created (the first
  /// creation seen).
  llvm::DenseMap<const VarDecl *, SourceLocation> Backing;
  /// The uses of static arrays other than creating a lease, in order.
  llvm::SmallVector<std::pair<const VarDecl *, SourceLocation>, 16> Uses;
  /// Places already reported (templates are seen once per instantiation).
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_GLOBALMUTABLECHECK_H
