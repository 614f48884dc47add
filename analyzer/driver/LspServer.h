//===--- LspServer.h - `leash lsp`, a language server beside clangd -------===//
///
/// \file
/// Serves leash's findings to editors over the Language Server Protocol on
/// stdin and stdout: diagnostics for the open files, as the user types, and
/// the checks' fix-its as quick fixes. Each file is analysed as `leash
/// check` analyses it (its database found as clangd finds it, its command
/// adjusted by the same code, the unit analysed in a child process so that a
/// crashing check costs one analysis, not the server), with the editor's
/// unsaved text laid over the disk.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_LSPSERVER_H
#define LEASH_DRIVER_LSPSERVER_H

#include <optional>
#include <string>
#include <vector>

namespace leash {

/// What `leash lsp` was started with.
struct LspOptions {
  /// The directory of compile_commands.json; empty: look in each file's
  /// directory and its parents, and in `build/` under each, as clangd does.
  std::string CompileCommandsDirectory;
  /// Where rule pages are: `<base>rules/<id>.md`.
  std::string RuleBase;
  /// How long after the last change a file is analysed.
  unsigned DebounceMilliseconds = 200;
  /// A `--checks` glob list over every configuration, as `leash check`'s.
  std::optional<std::string> Checks;
  /// Extra GCC drivers to query, as globs (as `leash check`'s).
  std::vector<std::string> QueryDrivers;
  /// Clang's resource directory.
  std::string ResourceDir;
  std::string Version;
};

/// Serves one client on stdin and stdout until it exits; returns the exit
/// status the protocol asks for (0 after `shutdown` then `exit`, else 1).
int runLsp(const LspOptions &Options);

} // namespace leash

#endif // LEASH_DRIVER_LSPSERVER_H
