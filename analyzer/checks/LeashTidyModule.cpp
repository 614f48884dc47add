//===--- LeashTidyModule.cpp - The leash clang-tidy module ----------------===//
///
/// \file
/// Registers every leash check under its rule id. The same module is built
/// into the clang-tidy plugin and linked into the `leash` command line, so a
/// check behaves the same under both.
///
//===----------------------------------------------------------------------===//

#include "AnnotationInvalidCheck.h"
#include "CellReentrantMapCheck.h"
#include "CellRefEscapeCheck.h"
#include "ComponentMutableFieldCheck.h"
#include "ComponentMutableRefCheck.h"
#include "GlobalMutableCheck.h"
#include "IsrSharedAccessCheck.h"
#include "LeaseAccessInFlightCheck.h"
#include "LeaseAliasedCheck.h"
#include "LeaseDroppedCheck.h"
#include "LeaseRawAddressCheck.h"
#include "LeaseUseAfterTransferCheck.h"
#include "StaticLifetimeCheck.h"
#include "UnsafeInCapsuleCheck.h"
#include "UnsafeUnmarkedCheck.h"

#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/ClangTidyModuleRegistry.h"

namespace clang::tidy::leash {

/// The module: one `registerCheck` per rule of rules/catalogue.
class LeashTidyModule : public ClangTidyModule {
public:
  void addCheckFactories(ClangTidyCheckFactories &Factories) override {
    Factories.registerCheck<AnnotationInvalidCheck>("leash-annotation-invalid");
    Factories.registerCheck<CellReentrantMapCheck>("leash-cell-reentrant-map");
    Factories.registerCheck<CellRefEscapeCheck>("leash-cell-ref-escape");
    Factories.registerCheck<ComponentMutableFieldCheck>(
        "leash-component-mutable-field");
    Factories.registerCheck<ComponentMutableRefCheck>(
        "leash-component-mutable-ref");
    Factories.registerCheck<GlobalMutableCheck>("leash-global-mutable");
    Factories.registerCheck<IsrSharedAccessCheck>("leash-isr-shared-access");
    Factories.registerCheck<LeaseAccessInFlightCheck>(
        "leash-lease-access-in-flight");
    Factories.registerCheck<LeaseAliasedCheck>("leash-lease-aliased");
    Factories.registerCheck<LeaseDroppedCheck>("leash-lease-dropped");
    Factories.registerCheck<LeaseRawAddressCheck>("leash-lease-raw-address");
    Factories.registerCheck<LeaseUseAfterTransferCheck>(
        "leash-lease-use-after-transfer");
    Factories.registerCheck<StaticLifetimeCheck>("leash-static-lifetime");
    Factories.registerCheck<UnsafeInCapsuleCheck>("leash-unsafe-in-capsule");
    Factories.registerCheck<UnsafeUnmarkedCheck>("leash-unsafe-unmarked");
  }
};

} // namespace clang::tidy::leash

namespace clang::tidy {

// Registration happens when this object file is loaded: as a plugin, or
// linked into the leash binary.
static ClangTidyModuleRegistry::Add<leash::LeashTidyModule>
    Registration("leash", "The leash ownership discipline checks.");

} // namespace clang::tidy
