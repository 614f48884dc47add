//===--- UnsafeInventory.h - Every place that is marked unsafe ------------===//
///
/// \file
/// `leash check --unsafe-inventory`: every LEASH_UNSAFE and LEASH_UNSAFE_API
/// function and every LEASH_UNSAFE_BLOCK, with its reason, and counts per
/// file and per tier (the kernel's layers: libraries, kernel, arch, chips,
/// capsules, boards, apps). The audit list of Rust's `unsafe`, for C++.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_UNSAFEINVENTORY_H
#define LEASH_DRIVER_UNSAFEINVENTORY_H

#include "Finding.h"

#include "clang/AST/ASTConsumer.h"
#include "llvm/Support/raw_ostream.h"

#include <memory>
#include <string>
#include <vector>

namespace leash {

/// An AST consumer that adds each unsafe marker of the main file and its
/// non-system headers to \p Markers.
std::unique_ptr<clang::ASTConsumer>
makeUnsafeInventoryConsumer(std::vector<UnsafeMarker> &Markers);

/// The tier of \p RelativePath: the first of its directories named after a
/// kernel layer, or "other".
std::string unsafeTier(llvm::StringRef RelativePath);

/// Writes the inventory as text: one line per marker, then the counts per
/// file and per tier. Paths are shown relative to \p SourceRoot.
void writeUnsafeInventory(const std::vector<UnsafeMarker> &Markers,
                          llvm::StringRef SourceRoot, llvm::raw_ostream &OS);

/// The inventory as JSON: markers with relative paths and tiers, and counts.
nlohmann::json unsafeInventoryJson(const std::vector<UnsafeMarker> &Markers,
                                   llvm::StringRef SourceRoot);

} // namespace leash

#endif // LEASH_DRIVER_UNSAFEINVENTORY_H
