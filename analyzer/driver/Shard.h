//===--- Shard.h - One of N parts of a run's translation units ------------===//
///
/// \file
/// `leash check --shard I/N` checks the I-th of N parts of the units, so that
/// CI runners (a GitHub Actions matrix, GitLab's `parallel:`) each check one
/// part and `leash merge` joins their reports. I counts from 1, as GitLab's
/// CI_NODE_INDEX does: `--shard $CI_NODE_INDEX/$CI_NODE_TOTAL`.
///
/// A unit belongs to part `xxHash64(path) mod N`, the path being its main
/// file relative to the source root with `/` separators (absolute for a file
/// outside it). Each unit's part depends on its own path and N alone, so
/// every machine that checks out the tree at the same root splits it the
/// same way, and adding or removing a file moves no other file.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_SHARD_H
#define LEASH_DRIVER_SHARD_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace leash {

/// Part Index (from 1) of Count.
struct Shard {
  unsigned Index = 1;
  unsigned Count = 1;

  /// Reads `I/N` with 1 <= I <= N; the error says in one line what is
  /// wrong.
  static llvm::Expected<Shard> parse(llvm::StringRef Text);

  /// Whether the unit whose main file is \p RelativePath (as reports name
  /// it) belongs to this part.
  bool contains(llvm::StringRef RelativePath) const;

  /// `I/N`.
  std::string str() const;
};

/// The part (from 1) of \p Count that the unit at \p RelativePath belongs to.
unsigned shardOf(llvm::StringRef RelativePath, unsigned Count);

} // namespace leash

#endif // LEASH_DRIVER_SHARD_H
