//===--- TextReport.cpp - Findings as compiler-style text -----------------===//

#include "TextReport.h"

#include "llvm/Support/MemoryBuffer.h"

#include <map>
#include <memory>

namespace leash {

namespace {

/// Source lines for the snippet under each diagnostic, read once per file.
class SourceLines {
public:
  llvm::StringRef line(const std::string &File, unsigned Line) {
    auto [Entry, Inserted] = Buffers.try_emplace(File);
    if (Inserted) {
      if (auto Buffer = llvm::MemoryBuffer::getFile(File))
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

private:
  std::map<std::string, std::unique_ptr<llvm::MemoryBuffer>> Buffers;
};

void writeOne(llvm::raw_ostream &OS, const SourceLocation &Where,
              const char *Level, llvm::StringRef Message, llvm::StringRef Rule,
              SourceLines &Lines) {
  OS << Where.File << ':' << Where.Line << ':' << Where.Column << ": " << Level
     << ": " << Message;
  if (!Rule.empty())
    OS << " [" << Rule << ']';
  OS << '\n';
  llvm::StringRef Source = Lines.line(Where.File, Where.Line);
  if (Source.empty())
    return;
  OS << Source << '\n';
  for (unsigned I = 1; I < Where.Column && I <= Source.size(); ++I)
    OS << (Source[I - 1] == '\t' ? '\t' : ' ');
  OS << "^\n";
}

} // namespace

void writeTextReport(const std::vector<Finding> &Findings,
                     llvm::raw_ostream &OS) {
  SourceLines Lines;
  for (const Finding &F : Findings) {
    writeOne(OS, F.Where, severityName(F.Level), F.Message, F.Rule, Lines);
    for (const Note &N : F.Notes)
      writeOne(OS, N.Where, "note", N.Message, "", Lines);
  }
}

} // namespace leash
