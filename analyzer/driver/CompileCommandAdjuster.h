//===--- CompileCommandAdjuster.h - Make compile commands parse in Clang --===//
///
/// \file
/// Turns the compile commands of a build (often arm-none-eabi-g++) into
/// commands that Clang parses as the real compiler would: the GCC driver's
/// target and header search list are made explicit, flags that only GCC knows
/// are dropped, and -Werror is dropped so that a compiler warning can never
/// turn into a failed analysis.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_COMPILECOMMANDADJUSTER_H
#define LEASH_DRIVER_COMPILECOMMANDADJUSTER_H

#include "GccDriverQuery.h"

#include "clang/Tooling/CompilationDatabase.h"
#include "llvm/Support/GlobPattern.h"

#include <string>
#include <vector>

namespace leash {

/// Rewrites compile commands for Clang; see the file comment.
class CompileCommandAdjuster {
public:
  /// \p QueryDriverGlobs name extra drivers to query (clangd's
  /// --query-driver); drivers named `*-none-eabi-*` are always queried.
  /// \p ResourceDir is Clang's resource directory.
  CompileCommandAdjuster(std::vector<llvm::GlobPattern> QueryDriverGlobs,
                         std::string ResourceDir);

  /// Returns the adjusted command line, or an error if the compiler had to
  /// be queried and could not be.
  llvm::Expected<std::vector<std::string>>
  adjust(const clang::tooling::CompileCommand &Command);

  /// Whether \p Driver is a compiler whose target and headers leash asks for.
  bool shouldQuery(llvm::StringRef Driver) const;

private:
  std::vector<llvm::GlobPattern> QueryDriverGlobs;
  std::string ResourceDir;
  GccDriverQuery Query;
};

/// Removes the arguments that the Clang driver does not know or does not
/// support, and -Werror in all its forms. Keeps argv[0].
std::vector<std::string>
dropArgumentsClangRejects(const std::vector<std::string> &Arguments);

} // namespace leash

#endif // LEASH_DRIVER_COMPILECOMMANDADJUSTER_H
