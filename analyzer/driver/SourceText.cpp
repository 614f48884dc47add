//===--- SourceText.cpp - Lines of source files, for reports --------------===//

#include "SourceText.h"

namespace leash {

llvm::StringRef SourceText::line(const std::string &File, unsigned Line) {
  auto [Entry, Inserted] = Buffers.try_emplace(File);
  if (Inserted) {
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/true))
      Entry->second = std::move(*Buffer);
  }
  if (!Entry->second || Line == 0)
    return {};
  llvm::StringRef Text = Entry->second->getBuffer();
  for (unsigned I = 1; I < Line; ++I) {
    size_t End = Text.find('\n');
    if (End == llvm::StringRef::npos)
      return {};
    Text = Text.substr(End + 1);
  }
  return Text.take_until([](char C) { return C == '\n' || C == '\r'; });
}

} // namespace leash
