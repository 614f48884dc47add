//===--- CheckCommand.h - `leash check` -----------------------------------===//
///
/// \file
/// Checks the translation units of a compile database: adjusts the commands
/// of cross compilers, runs every enabled check on each unit in a worker
/// process, and reports the findings and a summary.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_CHECKCOMMAND_H
#define LEASH_DRIVER_CHECKCOMMAND_H

#include "Finding.h"
#include "Shard.h"

#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Tooling/CompilationDatabase.h"

#include <optional>
#include <string>
#include <vector>

namespace leash {

/// Everything `leash check` was asked to do.
struct CheckRequest {
  /// The build directory holding compile_commands.json.
  std::string BuildDirectory;
  /// Files or globs to check; empty means every file in the database.
  std::vector<std::string> Files;
  /// Globs of files to leave out (`--exclude`), matched as `Files` are.
  std::vector<std::string> Excludes;
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  /// `--header-filter`: only headers this regex matches get findings.
  std::optional<std::string> HeaderFilter;
  /// Extra GCC drivers to query, as globs.
  std::vector<std::string> QueryDrivers;
  /// Arguments added to every command, after the compiler's name
  /// (`--extra-arg-before`) and at its end (`--extra-arg`), as clang-tidy's
  /// options; the `.clang-tidy` keys `ExtraArgsBefore` and `ExtraArgs` add
  /// theirs too.
  std::vector<std::string> ExtraArgsBefore;
  std::vector<std::string> ExtraArgs;
  unsigned Jobs = 0;
  /// `text`, `json` or `sarif`.
  std::string Format = "text";
  std::string OutputFile;
  /// The directory that report paths are relative to; empty means the
  /// current directory.
  std::string SourceRoot;
  /// Report and fail on only the findings that this baseline lacks.
  std::string BaselineFile;
  /// Record every finding of the run as a baseline here.
  std::string WriteBaselineFile;
  /// List every unsafe marker with its reason, and counts per file and tier.
  bool UnsafeInventory = false;
  Severity FailOn = Severity::Warning;
  /// Print each adjusted command before analysing, and the checks' remarks
  /// (such as a function too large to analyse) after.
  bool Verbose = false;
  /// Clang's resource directory.
  std::string ResourceDir;
  /// Write the adjusted commands as `compile_commands.json` into this
  /// directory, for clang-tidy with the plugin (or clangd) to parse the
  /// units as leash does, and stop without analysing.
  std::string ExportDirectory;
  /// Check only this part of the units (`--shard I/N`), and write what
  /// `leash merge` needs into the JSON report.
  std::optional<Shard> ShardPart;
  /// Keep each unit's result here and reuse it while the unit, its
  /// configuration and leash are unchanged (ResultCache.h); empty for none.
  std::string CacheDirectory;
  /// The `--load` modules, which are part of what the cache keys on.
  std::vector<std::string> LoadedModules;
};

/// Reads the compile database of \p BuildDirectory; the error says what to
/// do about a missing or malformed one. `leash lsp` loads its databases so.
llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(const std::string &BuildDirectory);

/// \p Arguments with the extra arguments of the command line and of the
/// file's configuration: those to go before right after the compiler's name,
/// the others at the end (the command line's outermost, as clang-tidy
/// does).
std::vector<std::string>
withExtraArguments(std::vector<std::string> Arguments,
                   const CheckRequest &Request,
                   const clang::tidy::ClangTidyOptions &Options);

/// A digest of the options that decide which checks run over which units
/// and how: the shards of one run have the same (ShardInfo).
std::string runConfiguration(const CheckRequest &Request);

/// Runs `leash check`; returns an ExitStatus.
int runCheck(const CheckRequest &Request);

} // namespace leash

#endif // LEASH_DRIVER_CHECKCOMMAND_H
