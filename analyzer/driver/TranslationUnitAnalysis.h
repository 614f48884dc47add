//===--- TranslationUnitAnalysis.h - Run the checks on one unit -----------===//
///
/// \file
/// Runs clang-tidy's library in-process, with every check registered in this
/// binary, over one translation unit, and converts what it reports into
/// leash's findings (its remarks kept apart, as remarks). A unit with
/// compiler errors is "not analysed".
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_TRANSLATIONUNITANALYSIS_H
#define LEASH_DRIVER_TRANSLATIONUNITANALYSIS_H

#include "Finding.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <map>
#include <optional>
#include <string>

namespace leash {

/// A compilation database over commands that leash has already adjusted.
class AdjustedDatabase : public clang::tooling::CompilationDatabase {
public:
  /// Adds \p Command, which replaces any earlier command for its file.
  void add(clang::tooling::CompileCommand Command);

  std::vector<clang::tooling::CompileCommand>
  getCompileCommands(llvm::StringRef FilePath) const override;
  std::vector<std::string> getAllFiles() const override;

private:
  std::map<std::string, clang::tooling::CompileCommand> Commands;
};

/// How checks are chosen and configured, as on clang-tidy's command line.
struct CheckSelection {
  /// A `-checks` glob list that overrides every configuration file.
  std::optional<std::string> Checks;
  /// YAML that replaces `.clang-tidy` files (clang-tidy's `--config`).
  std::optional<std::string> Config;
  /// Also collect the unsafe markers (`--unsafe-inventory`).
  bool UnsafeInventory = false;
  /// A `--header-filter` regex over every configuration's
  /// `HeaderFilterRegex`: only the headers it matches get findings.
  std::optional<std::string> HeaderFilter;
};

/// The options leash runs with when nothing overrides them: every leash
/// rule, and findings in every non-system header.
clang::tidy::ClangTidyOptions defaultTidyOptions();

/// Fails, saying why, when \p Regex (a `--header-filter`) is not a valid
/// regular expression: clang-tidy would match nothing with it, silently.
llvm::Error verifyHeaderFilter(llvm::StringRef Regex);

/// The configuration source clang-tidy would use: `.clang-tidy` files, or
/// the `--config` text, under leash's defaults and the `--checks` override.
llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const CheckSelection &Selection);

/// Analyses \p File, whose command is in \p Database. Files are read
/// through \p FileSystem when given (`leash lsp` lays the editor's unsaved
/// text over the disk), else from the disk. A finding in a header whose
/// own configuration (the `.clang-tidy` of its folder) does not enable the
/// finding's rule is dropped: vendored code that turns leash off is left
/// alone in the headers other units include, as in its own units.
TranslationUnitResult analyseTranslationUnit(
    const AdjustedDatabase &Database, const std::string &File,
    const CheckSelection &Selection,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FileSystem = nullptr);

} // namespace leash

#endif // LEASH_DRIVER_TRANSLATIONUNITANALYSIS_H
