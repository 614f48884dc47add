//===--- TranslationUnitAnalysis.cpp - Run the checks on one unit ---------===//

#include "TranslationUnitAnalysis.h"

#include "FirstCompilerError.h"
#include "LenientConfiguration.h"
#include "MacroUses.h"
#include "RunReport.h"
#include "UnsafeInventory.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyDiagnosticConsumer.h"
#include "clang-tidy/ClangTidyModule.h"
#include "clang-tidy/GlobList.h"
#include "clang/Frontend/CompilerInstance.h"
#include "clang/Frontend/FrontendAction.h"
#include "clang/Frontend/MultiplexConsumer.h"
#include "clang/Lex/PreprocessorOptions.h"
#include "clang/Tooling/Tooling.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/VirtualFileSystem.h"

namespace leash {

using clang::tidy::ClangTidyContext;
using clang::tidy::ClangTidyError;

namespace {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Directory) {
  if (Path.empty() || llvm::sys::path::is_absolute(Path))
    return Path.str();
  llvm::SmallString<256> Full(Directory);
  llvm::sys::path::append(Full, Path);
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full);
}

} // namespace

void AdjustedDatabase::add(clang::tooling::CompileCommand Command) {
  std::string File = absolutePath(Command.Filename, Command.Directory);
  Commands.insert_or_assign(File, std::move(Command));
}

std::vector<clang::tooling::CompileCommand>
AdjustedDatabase::getCompileCommands(llvm::StringRef FilePath) const {
  auto Found = Commands.find(FilePath.str());
  if (Found == Commands.end())
    return {};
  return {Found->second};
}

std::vector<std::string> AdjustedDatabase::getAllFiles() const {
  std::vector<std::string> Files;
  for (const auto &Entry : Commands)
    Files.push_back(Entry.first);
  return Files;
}

clang::tidy::ClangTidyOptions defaultTidyOptions() {
  clang::tidy::ClangTidyOptions Options =
      clang::tidy::ClangTidyOptions::getDefaults();
  Options.Checks = "-*,leash-*";
  Options.HeaderFilterRegex = ".*";
  Options.SystemHeaders = false;
  return Options;
}

namespace {

/// Clang-tidy's frontend action: every enabled check on one AST.
class TidyActionFactory : public clang::tooling::FrontendActionFactory {
public:
  /// \p Markers, when given, receives the unit's unsafe markers; \p Uses
  /// the places its macros are used.
  TidyActionFactory(ClangTidyContext &Context,
                    std::vector<UnsafeMarker> *Markers, MacroUses &Uses)
      : ConsumerFactory(Context), Markers(Markers), Uses(Uses) {}

  std::unique_ptr<clang::FrontendAction> create() override {
    return std::make_unique<Action>(ConsumerFactory, Markers, Uses);
  }

  bool
  runInvocation(std::shared_ptr<clang::CompilerInvocation> Invocation,
                clang::FileManager *Files,
                std::shared_ptr<clang::PCHContainerOperations> PCHContainerOps,
                clang::DiagnosticConsumer *DiagConsumer) override {
    // Code may test __clang_analyzer__ to hide what analysers must not see,
    // as it does under clang-tidy.
    Invocation->getPreprocessorOpts().SetUpStaticAnalyzer = true;
    return FrontendActionFactory::runInvocation(Invocation, Files,
                                                PCHContainerOps, DiagConsumer);
  }

private:
  class Action : public clang::ASTFrontendAction {
  public:
    Action(clang::tidy::ClangTidyASTConsumerFactory &Factory,
           std::vector<UnsafeMarker> *Markers, MacroUses &Uses)
        : Factory(Factory), Markers(Markers), Uses(Uses) {}
    std::unique_ptr<clang::ASTConsumer>
    CreateASTConsumer(clang::CompilerInstance &Compiler,
                      llvm::StringRef File) override {
      Compiler.getPreprocessor().addPPCallbacks(
          makeMacroUseRecorder(Compiler.getSourceManager(), Uses));
      if (!Markers)
        return Factory.createASTConsumer(Compiler, File);
      // One parse serves the checks and the inventory.
      std::vector<std::unique_ptr<clang::ASTConsumer>> Consumers;
      Consumers.push_back(Factory.createASTConsumer(Compiler, File));
      Consumers.push_back(makeUnsafeInventoryConsumer(*Markers));
      return std::make_unique<clang::MultiplexConsumer>(std::move(Consumers));
    }

  private:
    clang::tidy::ClangTidyASTConsumerFactory &Factory;
    std::vector<UnsafeMarker> *Markers;
    MacroUses &Uses;
  };

  clang::tidy::ClangTidyASTConsumerFactory ConsumerFactory;
  std::vector<UnsafeMarker> *Markers;
  MacroUses &Uses;
};

/// Line and column of byte \p Offset of \p Path, read once per file from
/// the file system the unit was parsed from.
class LineTable {
public:
  explicit LineTable(llvm::vfs::FileSystem &FileSystem)
      : FileSystem(FileSystem) {}

  SourceLocation locate(const std::string &Path, unsigned Offset) {
    SourceLocation Where{Path, 0, 0};
    auto &Starts = lineStarts(Path);
    if (Starts.empty())
      return Where;
    auto Next = std::upper_bound(Starts.begin(), Starts.end(), Offset);
    unsigned Line = Next - Starts.begin();
    Where.Line = Line;
    Where.Column = Offset - Starts[Line - 1] + 1;
    return Where;
  }

private:
  std::vector<unsigned> &lineStarts(const std::string &Path) {
    auto [Entry, Inserted] = Files.try_emplace(Path);
    if (Inserted) {
      if (auto Buffer = FileSystem.getBufferForFile(Path)) {
        llvm::StringRef Text = (*Buffer)->getBuffer();
        Entry->second.push_back(0);
        for (size_t I = 0; I < Text.size(); ++I)
          if (Text[I] == '\n')
            Entry->second.push_back(I + 1);
      }
    }
    return Entry->second;
  }

  llvm::vfs::FileSystem &FileSystem;
  std::map<std::string, std::vector<unsigned>> Files;
};

Severity severityOf(clang::tooling::Diagnostic::Level Level) {
  switch (Level) {
  case clang::tooling::Diagnostic::Error:
    return Severity::Error;
  case clang::tooling::Diagnostic::Warning:
    return Severity::Warning;
  default:
    return Severity::Note;
  }
}

/// Which rules each header's own configuration enables: a header's
/// findings are kept only for those, so that a folder whose `.clang-tidy`
/// turns leash off (vendored code) gets no findings through the units that
/// include it. Read once per folder, as configurations are per folder.
class HeaderRules {
public:
  /// The rules of the headers of \p MainFile's unit, as \p Context's
  /// configuration gives them.
  HeaderRules(const ClangTidyContext &Context, std::string MainFile)
      : Context(Context), MainFile(std::move(MainFile)) {}

  /// Whether \p Error, one of the unit's diagnostics, is kept: always for
  /// the compiler's own and for those in the main file.
  bool keeps(const ClangTidyError &Error) {
    if (llvm::StringRef(Error.DiagnosticName).startswith("clang-diagnostic-"))
      return true;
    const std::string File =
        canonicalPath(Error.Message.FilePath, Error.BuildDirectory);
    if (File.empty() || File == MainFile)
      return true;
    auto [Rules, Inserted] =
        Folders.try_emplace(llvm::sys::path::parent_path(File));
    if (Inserted)
      Rules->second = std::make_unique<clang::tidy::CachedGlobList>(
          Context.getOptionsForFile(File).Checks.value_or(""));
    return Rules->second->contains(Error.DiagnosticName);
  }

private:
  const ClangTidyContext &Context;
  const std::string MainFile;
  llvm::StringMap<std::unique_ptr<clang::tidy::CachedGlobList>> Folders;
};

Finding toFinding(const ClangTidyError &Error, LineTable &Lines,
                  const MacroUses &Uses) {
  Finding Result;
  Result.Rule = Error.DiagnosticName;
  Result.Level = severityOf(Error.DiagLevel);
  Result.Message = Error.Message.Message;
  const std::string File =
      canonicalPath(Error.Message.FilePath, Error.BuildDirectory);
  Result.Where = Lines.locate(File, Error.Message.FileOffset);
  // A finding at a macro's use: name the macro, whose expansion may have
  // made the names the message speaks of.
  if (auto Use = Uses.find({File, Error.Message.FileOffset});
      Use != Uses.end() && !Result.Rule.empty() &&
      llvm::StringRef(Result.Rule).startswith("leash-"))
    Result.Notes.push_back({"expanded from macro '" + Use->second.Name + "'",
                            Use->second.Definition});
  for (const auto &Entry : Error.Message.Fix)
    for (const clang::tooling::Replacement &Replacement : Entry.second) {
      const std::string FixFile =
          canonicalPath(Replacement.getFilePath(), Error.BuildDirectory);
      Result.Fixes.push_back(
          {Lines.locate(FixFile, Replacement.getOffset()),
           Lines.locate(FixFile,
                        Replacement.getOffset() + Replacement.getLength()),
           Replacement.getReplacementText().str()});
    }
  for (const clang::tooling::DiagnosticMessage &Note : Error.Notes)
    Result.Notes.push_back(
        {Note.Message,
         Lines.locate(canonicalPath(Note.FilePath, Error.BuildDirectory),
                      Note.FileOffset)});
  return Result;
}

} // namespace

llvm::Error verifyHeaderFilter(llvm::StringRef Regex) {
  std::string Why;
  if (llvm::Regex(Regex).isValid(Why))
    return llvm::Error::success();
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "--header-filter '" + Regex.str() +
                                     "' is not a regular expression: " + Why);
}

llvm::Expected<std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>>
makeOptionsProvider(const CheckSelection &Selection) {
  clang::tidy::ClangTidyOptions Override;
  if (Selection.Checks)
    Override.Checks = *Selection.Checks;
  if (Selection.HeaderFilter)
    Override.HeaderFilterRegex = *Selection.HeaderFilter;
  if (Selection.Config) {
    auto Parsed = clang::tidy::parseConfiguration(
        llvm::MemoryBufferRef(*Selection.Config, "--config"));
    if (!Parsed)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "cannot parse --config: " +
                                         Parsed.getError().message());
    return std::make_unique<clang::tidy::ConfigOptionsProvider>(
        clang::tidy::ClangTidyGlobalOptions(), defaultTidyOptions(), *Parsed,
        Override);
  }
  // `.clang-tidy` files are read leniently: a key of a newer clang-tidy is
  // dropped, not the whole file (leash check warns about it once).
  return makeLenientFileOptionsProvider(defaultTidyOptions(), Override);
}

TranslationUnitResult analyseTranslationUnit(
    const AdjustedDatabase &Database, const std::string &File,
    const CheckSelection &Selection,
    llvm::IntrusiveRefCntPtr<llvm::vfs::FileSystem> FileSystem) {
  if (!FileSystem)
    FileSystem = llvm::vfs::getRealFileSystem();
  TranslationUnitResult Result;
  Result.File = File;

  auto Provider = makeOptionsProvider(Selection);
  if (!Provider) {
    Result.FailureReason = llvm::toString(Provider.takeError());
    return Result;
  }
  ClangTidyContext Context(std::move(*Provider));
  clang::tidy::ClangTidyDiagnosticConsumer DiagConsumer(Context);
  clang::DiagnosticsEngine Engine(new clang::DiagnosticIDs(),
                                  new clang::DiagnosticOptions(), &DiagConsumer,
                                  /*ShouldOwnClient=*/false);
  Context.setDiagnosticsEngine(&Engine);

  clang::tooling::ClangTool Tool(
      Database, {File}, std::make_shared<clang::PCHContainerOperations>(),
      FileSystem);
  FirstCompilerErrorRecorder Recorder(DiagConsumer);
  Tool.setDiagnosticConsumer(&Recorder);
  MacroUses Uses;
  TidyActionFactory Factory(
      Context, Selection.UnsafeInventory ? &Result.UnsafeMarkers : nullptr,
      Uses);
  int Status = Tool.run(&Factory);

  if (const auto &First = Recorder.firstError()) {
    Result.FailureReason = First->describe();
    if (!First->Where.File.empty()) {
      const auto Commands = Database.getCompileCommands(File);
      SourceLocation Where = First->Where;
      Where.File = canonicalPath(
          Where.File, Commands.empty() ? "" : Commands.front().Directory);
      Result.FailureLocation = Where;
    }
  } else if (Status != 0) {
    Result.FailureReason = "the compiler could not process it";
  }
  const bool Failed = !Result.FailureReason.empty();

  LineTable Lines(*FileSystem);
  HeaderRules Headers(Context, canonicalPath(File, ""));
  for (const ClangTidyError &Error : DiagConsumer.take()) {
    if (!Headers.keeps(Error))
      continue;
    if (Error.DiagLevel == clang::tooling::Diagnostic::Remark) {
      if (!Failed)
        Result.Remarks.push_back(toFinding(Error, Lines, Uses));
      continue;
    }
    // A unit that did not compile contributes its compiler errors only:
    // what the checks said of its half-parsed AST is not to be trusted.
    if (Failed && !(Error.DiagLevel >= clang::tooling::Diagnostic::Error &&
                    llvm::StringRef(Error.DiagnosticName)
                        .startswith("clang-diagnostic-")))
      continue;
    Result.Findings.push_back(toFinding(Error, Lines, Uses));
  }
  Result.Analysed = Result.FailureReason.empty();
  return Result;
}

} // namespace leash
