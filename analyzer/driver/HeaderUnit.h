//===- HeaderUnit.h - The unit through which a header is analysed --------===//
//
// A header is not in the compile database: `leash lsp` analyses it through a
// source of the database that includes it, as clangd does.
//
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_HEADERUNIT_H
#define LEASH_DRIVER_HEADERUNIT_H

#include "clang/Tooling/CompilationDatabase.h"

#include <functional>
#include <optional>
#include <string>

namespace leash {

/// The text of a file: the editor's unsaved text when it is open, else the
/// disk's; nothing when it cannot be read.
using FileText = std::function<std::optional<std::string>(const std::string &)>;

/// A source of \p Database through which header \p Header can be analysed:
/// one with the header's stem in the header's directory, else one that
/// includes it, directly or through other headers (the `#include` lines
/// followed from each source, resolved against the including file's
/// directory and the command's -I, -iquote and -isystem directories; a
/// header reached under an `#if` that is false still counts), else one with
/// its stem elsewhere. Empty when there is none.
std::string unitForHeader(const std::string &Header,
                          const clang::tooling::CompilationDatabase &Database,
                          const FileText &Text);

} // namespace leash

#endif // LEASH_DRIVER_HEADERUNIT_H
