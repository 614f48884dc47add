//===--- LeaseRawAddressCheck.h - leash-lease-raw-address -------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_LEASERAWADDRESSCHECK_H
#define LEASH_ANALYZER_CHECKS_LEASERAWADDRESSCHECK_H

#include "utils/Vocabulary.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseSet.h"

#include <memory>

namespace clang::tidy::leash {

/// Finds a lease's raw address kept beyond the statement that gives it to
/// the hardware (Rust: the `*mut u8` that a Tock DMA driver writes into a
/// pointer register must not become a second, untracked owner of the
/// `&'static mut [u8]`). The raw address is the result of a LEASH_UNSAFE_API
/// member of a LEASH_LEASE type that returns a pointer (`raw_data`),
/// followed through parentheses, casts (to `uintptr_t` and back) and
/// address arithmetic. Allowed, even though unsafe code is needed anyway:
///
/// - a hardware register write: an assignment to a volatile object, a call
///   of a non-const member function on a register (an object whose class
///   has a volatile data member, as tock-registers-style `Register` does),
///   or a call with a `volatile` reference or pointer parameter;
/// - an argument to a LEASH_UNSAFE_API function, whose contract says what
///   it does with the address;
/// - the initializer of (or an assignment to) a non-static local variable
///   that is used only in such writes;
/// - uses that keep nothing: comparisons, dereferences.
///
/// Reported: the address stored in a member, a global or static, a local
/// used otherwise (with a note at that use), an object or a lambda
/// capture, passed to another function, or returned. A finding in a
/// template is reported once. The check has no options.
class LeaseRawAddressCheck : public ClangTidyCheck {
public:
  LeaseRawAddressCheck(StringRef Name, ClangTidyContext *Context)
      : ClangTidyCheck(Name, Context) {}
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  std::unique_ptr<UnsafeContext> Contexts;
  llvm::DenseSet<SourceLocation> Reported;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_LEASERAWADDRESSCHECK_H
