//===--- PathGlob.h - File globs that match as a shell does ------*- C++
//-*-===//
///
/// \file
/// The globs of `leash check`'s file arguments, matched as a POSIX shell
/// (with bash's `globstar`) matches them, so that a quoted glob selects what
/// the same glob unquoted would: `*`, `?` and `[...]` match within one path
/// component, never across `/`; a component `**` matches any number of
/// components, none included (`src/**/*.cpp` selects `src/a.cpp` and
/// `src/x/y/b.cpp`).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_PATHGLOB_H
#define LEASH_DRIVER_PATHGLOB_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/GlobPattern.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace leash {

/// A compiled path glob.
class PathGlob {
public:
  /// Compiles \p Pattern (an absolute path with glob characters); fails on
  /// a malformed component (an unclosed `[`).
  static llvm::Expected<PathGlob> create(llvm::StringRef Pattern);

  /// Whether \p Path (absolute, `/`-separated) matches.
  bool match(llvm::StringRef Path) const;

private:
  /// One component of the pattern: `**`, or a glob of one component.
  struct Component {
    bool AnyDepth = false;
    std::optional<llvm::GlobPattern> Glob;
  };

  bool match(llvm::ArrayRef<Component> Pattern,
             llvm::ArrayRef<llvm::StringRef> Path) const;

  /// The pattern's text, at an address that moves of this object keep:
  /// llvm::GlobPattern keeps views of the text it was made from.
  std::unique_ptr<std::string> Source;
  std::vector<Component> Components;
};

} // namespace leash

#endif // LEASH_DRIVER_PATHGLOB_H
