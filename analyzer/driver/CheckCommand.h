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
  std::optional<std::string> Checks;
  std::optional<std::string> Config;
  /// Extra GCC drivers to query, as globs.
  std::vector<std::string> QueryDrivers;
  unsigned Jobs = 0;
  std::string Format = "text";
  std::string OutputFile;
  Severity FailOn = Severity::Warning;
  /// Print each adjusted command before analysing.
  bool Verbose = false;
  /// Clang's resource directory.
  std::string ResourceDir;
};

/// Runs `leash check`; returns an ExitStatus.
int runCheck(const CheckRequest &Request);

} // namespace leash

#endif // LEASH_DRIVER_CHECKCOMMAND_H
