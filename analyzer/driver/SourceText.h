//===--- SourceText.h - Lines of source files, for reports ----------------===//

#ifndef LEASH_DRIVER_SOURCETEXT_H
#define LEASH_DRIVER_SOURCETEXT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>
#include <string>

namespace leash {

/// The lines of source files, each file read once.
class SourceText {
public:
  /// Line \p Line (from 1) of \p File without its end of line; empty when
  /// the file or the line does not exist.
  llvm::StringRef line(const std::string &File, unsigned Line);

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

} // namespace leash

#endif // LEASH_DRIVER_SOURCETEXT_H
