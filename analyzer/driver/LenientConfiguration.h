//===--- LenientConfiguration.h - .clang-tidy files from newer versions -*- C++
//-*-===//
///
/// \file
/// Reads a `.clang-tidy` file as clang-tidy 16 does, except for top-level
/// keys that it does not know: a file written for a newer clang-tidy (with
/// `ImplementationFileExtensions`, say) fails clang-tidy 16's parser as a
/// whole, and clang-tidy then warns and uses the other configuration files,
/// silently dropping this file's `Checks`. leash drops only the unknown keys,
/// keeps the rest of the file, and says which keys it ignored. A file that
/// does not parse for any other reason still fails.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_LENIENTCONFIGURATION_H
#define LEASH_DRIVER_LENIENTCONFIGURATION_H

#include "clang-tidy/ClangTidyOptions.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/MemoryBufferRef.h"

#include <memory>
#include <string>
#include <vector>

namespace leash {

/// A parsed configuration file, and the keys that were dropped from it.
struct LenientConfiguration {
  clang::tidy::ClangTidyOptions Options;
  /// The top-level keys clang-tidy 16 does not know, in file order.
  std::vector<std::string> IgnoredKeys;
};

/// Parses \p Text (a `.clang-tidy` file's contents). Fails with "line N:
/// message" for a file that does not parse once its unknown top-level keys
/// are dropped.
llvm::Expected<LenientConfiguration>
parseLenientConfiguration(llvm::MemoryBufferRef Text);

/// clang-tidy's provider of `.clang-tidy` files (the file nearest to each
/// source, `InheritParentConfig` and all), reading them with
/// `parseLenientConfiguration`.
std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeLenientFileOptionsProvider(clang::tidy::ClangTidyOptions DefaultOptions,
                               clang::tidy::ClangTidyOptions OverrideOptions);

} // namespace leash

#endif // LEASH_DRIVER_LENIENTCONFIGURATION_H
