//===--- CrashingCheck.cpp - A check that crashes, for the driver's tests -===//
///
/// \file
/// A clang-tidy module for `leash check --load` whose one check,
/// `test-crash`, crashes on a function named `crash_here`: the driver must
/// report that unit as not analysed, and analyse the others.
///
//===----------------------------------------------------------------------===//

#include "clang-tidy/ClangTidyCheck.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

namespace {

using namespace clang::ast_matchers;

class CrashingCheck : public clang::tidy::ClangTidyCheck {
public:
  using ClangTidyCheck::ClangTidyCheck;
  void registerMatchers(MatchFinder *Finder) override {
    Finder->addMatcher(functionDecl(hasName("crash_here")).bind("f"), this);
  }
  void check(const MatchFinder::MatchResult &) override {
    // A real invalid access, as a buggy check makes: the fault repeats after
    // LLVM's crash handler returns, so the process dies of it.
    volatile int *Nowhere = nullptr;
    asm volatile("" : "+r"(Nowhere));
    *Nowhere = 1;
  }
};

class CrashingModule : public clang::tidy::ClangTidyModule {
public:
  void addCheckFactories(clang::tidy::ClangTidyCheckFactories &F) override {
    F.registerCheck<CrashingCheck>("test-crash");
  }
};

clang::tidy::ClangTidyModuleRegistry::Add<CrashingModule>
    Registration("test-crash-module", "A check that crashes.");

} // namespace
