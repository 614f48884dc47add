//===--- TextReport.cpp - Findings as compiler-style text -----------------===//

#include "TextReport.h"

#include "SourceText.h"

namespace leash {

namespace {

void writeOne(llvm::raw_ostream &OS, const SourceLocation &Where,
              const char *Level, llvm::StringRef Message, llvm::StringRef Rule,
              SourceText &Lines) {
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
  SourceText Lines;
  for (const Finding &F : Findings) {
    writeOne(OS, F.Where, severityName(F.Level), F.Message, F.Rule, Lines);
    for (const Note &N : F.Notes)
      writeOne(OS, N.Where, "note", N.Message, "", Lines);
  }
}

} // namespace leash
