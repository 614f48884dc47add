//===--- ResultCache.h - Results of unchanged units, kept between runs ----===//
///
/// \file
/// `leash check --cache-dir DIR` keeps each analysed unit's result in DIR,
/// which CI keeps between runs, and does not analyse a unit again while its
/// key is unchanged. The key is a BLAKE3 digest of:
///
/// - leash's identity: its version, Clang's, and the bytes of the leash
///   executable and of every `--load` module (a rebuilt checker is another
///   checker);
/// - the unit's adjusted command (directory, arguments, file);
/// - the configuration in effect for the unit (clang-tidy's options as YAML,
///   the checks they enable, whether the unsafe inventory is collected);
/// - the name and contents of every file the unit includes, as the command
///   includes them: found by Clang's dependency scanner, which runs the
///   preprocessor over the directives of each file only (`#include`, `#if`,
///   `#define`: what decides which files are included), each header once a
///   run, and is cheap next to the analysis.
///
/// An entry is `DIR/<2 hex>/<key>`: a header line `leash-cache-entry
/// <version> <key> <BLAKE3 of the rest>` and the result as JSON. An entry
/// whose header, key or checksum does not match is a miss (and is replaced):
/// it is never trusted. Entries are written to a temporary file and renamed,
/// so that runs sharing a directory never read half an entry. Units that
/// could not be analysed are not kept: their failure may not come again.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_RESULTCACHE_H
#define LEASH_DRIVER_RESULTCACHE_H

#include "Finding.h"
#include "TranslationUnitAnalysis.h"

#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace leash {

/// A directory of unit results.
class ResultCache {
public:
  /// The version of the entry format.
  static constexpr int FormatVersion = 1;

  /// A cache in \p Directory (created when missing) for results of the
  /// leash whose identity is \p Identity (leashIdentity).
  ResultCache(std::string Directory, std::string Identity);

  /// The key of each of \p Files, whose commands are in \p Database, under
  /// \p Selection, found by up to \p Jobs threads; a unit that does not
  /// preprocess has none (it is analysed, and its result not kept).
  std::map<std::string, std::string> keys(const AdjustedDatabase &Database,
                                          const std::vector<std::string> &Files,
                                          const CheckSelection &Selection,
                                          unsigned Jobs) const;

  /// The result kept under \p Key for \p File, if a sound entry holds one.
  std::optional<TranslationUnitResult> lookup(const std::string &Key,
                                              const std::string &File) const;

  /// Keeps \p Result under \p Key; false when it could not be written (the
  /// run goes on without it).
  bool store(const std::string &Key, const TranslationUnitResult &Result) const;

  /// The path of the entry of \p Key.
  std::string entryPath(const std::string &Key) const;

private:
  std::string Directory;
  std::string Identity;
};

/// What makes this leash give the results it gives: its version, Clang's,
/// and digests of its executable and of each of \p LoadedModules.
std::string leashIdentity(const std::vector<std::string> &LoadedModules);

} // namespace leash

#endif // LEASH_DRIVER_RESULTCACHE_H
