//===--- MacroUses.cpp - Where a unit's macros are used -------------------===//

#include "MacroUses.h"

#include "RunReport.h"

#include "clang/Basic/IdentifierTable.h"
#include "clang/Basic/SourceManager.h"
#include "clang/Lex/MacroInfo.h"
#include "clang/Lex/Token.h"
#include "llvm/Support/FileSystem.h"

namespace leash {
namespace {

class MacroUseRecorder : public clang::PPCallbacks {
public:
  MacroUseRecorder(const clang::SourceManager &Sources, MacroUses &Uses)
      : Sources(Sources), Uses(Uses) {
    llvm::SmallString<256> Directory;
    llvm::sys::fs::current_path(Directory);
    WorkingDirectory = std::string(Directory);
  }

  void MacroExpands(const clang::Token &Name,
                    const clang::MacroDefinition &Definition,
                    clang::SourceRange Range,
                    const clang::MacroArgs *) override {
    clang::SourceLocation Use = Range.getBegin();
    if (!Use.isFileID() || Sources.isInSystemHeader(Use))
      return;
    auto [File, Offset] = Sources.getDecomposedLoc(Use);
    const clang::FileEntry *Entry = Sources.getFileEntryForID(File);
    if (!Entry)
      return;
    MacroUse Recorded;
    Recorded.Name = Name.getIdentifierInfo()->getName().str();
    if (const clang::MacroInfo *Info = Definition.getMacroInfo()) {
      clang::PresumedLoc Where =
          Sources.getPresumedLoc(Info->getDefinitionLoc());
      if (Where.isValid())
        Recorded.Definition = {
            canonicalPath(Where.getFilename(), WorkingDirectory),
            Where.getLine(), Where.getColumn()};
    }
    Uses.emplace(std::make_pair(
                     canonicalPath(Entry->getName(), WorkingDirectory), Offset),
                 std::move(Recorded));
  }

private:
  const clang::SourceManager &Sources;
  MacroUses &Uses;
  std::string WorkingDirectory;
};

} // namespace

std::unique_ptr<clang::PPCallbacks>
makeMacroUseRecorder(const clang::SourceManager &Sources, MacroUses &Uses) {
  return std::make_unique<MacroUseRecorder>(Sources, Uses);
}

} // namespace leash
