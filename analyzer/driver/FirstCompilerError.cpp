//===--- FirstCompilerError.cpp - The error the compiler hit first --------===//

#include "FirstCompilerError.h"

#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"

namespace leash {
namespace {

/// \p Location as a file, line and column (the spelling location of a
/// macro expansion, where the text is).
SourceLocation locate(const clang::SourceManager &Sources,
                      clang::SourceLocation Location) {
  SourceLocation Where;
  if (Location.isInvalid())
    return Where;
  clang::PresumedLoc Presumed =
      Sources.getPresumedLoc(Sources.getFileLoc(Location));
  if (Presumed.isInvalid())
    return Where;
  Where.File = Presumed.getFilename();
  Where.Line = Presumed.getLine();
  Where.Column = Presumed.getColumn();
  return Where;
}

std::string describeLocation(const SourceLocation &Where, bool WithColumn) {
  std::string Text = Where.File + ":" + std::to_string(Where.Line);
  if (WithColumn)
    Text += ":" + std::to_string(Where.Column);
  return Text;
}

} // namespace

std::string CompilerError::describe() const {
  std::string Text = Where.File.empty()
                         ? Message
                         : describeLocation(Where, true) + ": " + Message;
  for (size_t I = 0; I < IncludedFrom.size(); ++I)
    Text += (I == 0 ? " (included from " : ", from ") +
            describeLocation(IncludedFrom[I], false);
  if (!IncludedFrom.empty())
    Text += ")";
  return Text;
}

void FirstCompilerErrorRecorder::BeginSourceFile(
    const clang::LangOptions &LangOpts, const clang::Preprocessor *PP) {
  Next.BeginSourceFile(LangOpts, PP);
}

void FirstCompilerErrorRecorder::EndSourceFile() { Next.EndSourceFile(); }

void FirstCompilerErrorRecorder::finish() { Next.finish(); }

bool FirstCompilerErrorRecorder::IncludeInDiagnosticCounts() const {
  return Next.IncludeInDiagnosticCounts();
}

void FirstCompilerErrorRecorder::HandleDiagnostic(
    clang::DiagnosticsEngine::Level Level, const clang::Diagnostic &Info) {
  clang::DiagnosticConsumer::HandleDiagnostic(Level, Info);
  if (Level >= clang::DiagnosticsEngine::Error && !First) {
    CompilerError Error;
    llvm::SmallString<256> Message;
    Info.FormatDiagnostic(Message);
    Error.Message = std::string(Message);
    if (Info.hasSourceManager() && Info.getLocation().isValid()) {
      const clang::SourceManager &Sources = Info.getSourceManager();
      Error.Where = locate(Sources, Info.getLocation());
      clang::FileID File =
          Sources.getFileID(Sources.getFileLoc(Info.getLocation()));
      for (clang::SourceLocation Include = Sources.getIncludeLoc(File);
           Include.isValid() && Error.IncludedFrom.size() < 16;
           Include = Sources.getIncludeLoc(Sources.getFileID(Include)))
        Error.IncludedFrom.push_back(locate(Sources, Include));
    }
    First = std::move(Error);
  }
  Next.HandleDiagnostic(Level, Info);
}

} // namespace leash
