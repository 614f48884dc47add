//===--- LeashTidyModule.cpp - The leash clang-tidy module ----------------===//
///
/// \file
/// Registers every leash check under its rule id. The same module is built
/// into the clang-tidy plugin and linked into the `leash` command line, so a
/// check behaves the same under both.
///
//===----------------------------------------------------------------------===//

#include "UnsafeInCapsuleCheck.h"
#include "UnsafeUnmarkedCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::leash {

/// The module: one `registerCheck` per rule of rules/catalogue.
class LeashTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<UnsafeInCapsuleCheck>("leash-unsafe-in-capsule");
    Factories.registerCheck<UnsafeUnmarkedCheck>("leash-unsafe-unmarked");
  }
};

} // namespace clang::tidy::leash

namespace clang::tidy {

// Registration happens when this object file is loaded: as a plugin, or
// linked into the leash binary.
static ClangTidyModuleRegistry::Add<leash::LeashTidyModule>
    Registration("leash-module", "The leash ownership discipline checks.");

} // namespace clang::tidy
