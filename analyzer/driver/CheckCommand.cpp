//===--- CheckCommand.cpp - `leash check` ---------------------------------===//

#include "CheckCommand.h"

#include "CompileCommandAdjuster.h"
#include "ExitStatus.h"
#include "TextReport.h"
#include "TranslationUnitAnalysis.h"
#include "WorkerPool.h"

#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/WithColor.h"

#include <set>
#include <thread>
#include <tuple>

namespace leash {

namespace {

/// Prints `leash: error: <what>` on one line; returns ExitUsage.
int usageError(const llvm::Twine &What) {
  llvm::WithColor::error(llvm::errs(), "leash") << What << '\n';
  return ExitUsage;
}

std::string absolute(llvm::StringRef Path) {
  llvm::SmallString<256> Full(Path);
  llvm::sys::fs::make_absolute(Full);
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  return std::string(Full);
}

bool isGlob(llvm::StringRef Pattern) {
  return Pattern.find_first_of("*?[") != llvm::StringRef::npos;
}

/// The database files that \p Request names, or an error message.
llvm::Expected<std::vector<std::string>>
selectFiles(const CheckRequest &Request,
            const std::vector<std::string> &Known) {
  if (Request.Files.empty())
    return Known;
  std::set<std::string> KnownSet(Known.begin(), Known.end());
  std::set<std::string> Selected;
  for (const std::string &Argument : Request.Files) {
    std::string Pattern = absolute(Argument);
    if (!isGlob(Argument)) {
      if (!KnownSet.count(Pattern))
        return llvm::createStringError(
            llvm::inconvertibleErrorCode(),
            "'" + Argument + "' is not in the compile database of '" +
                Request.BuildDirectory +
                "'; check a file that the build compiles, or rebuild the "
                "database");
      Selected.insert(Pattern);
      continue;
    }
    auto Glob = llvm::GlobPattern::create(Pattern);
    if (!Glob)
      return Glob.takeError();
    size_t Before = Selected.size();
    for (const std::string &File : Known)
      if (Glob->match(File))
        Selected.insert(File);
    if (Selected.size() == Before)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "no file of the compile database "
                                     "matches '" +
                                         Argument + "'");
  }
  return std::vector<std::string>(Selected.begin(), Selected.end());
}

/// Fails when a positive glob of \p Checks names no known check: a typo
/// there would otherwise turn the gate off without a word.
llvm::Error verifyChecks(llvm::StringRef Checks) {
  clang::tidy::ClangTidyOptions All;
  All.Checks = "*";
  std::vector<std::string> Known =
      clang::tidy::getCheckNames(All, /*AllowEnablingAnalyzerAlphaCheckers=*/
                                 false);
  llvm::SmallVector<llvm::StringRef> Items;
  Checks.split(Items, ',', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef Item : Items) {
    Item = Item.trim();
    if (Item.empty() || Item.startswith("-") ||
        Item.startswith("clang-diagnostic-"))
      continue;
    auto Glob = llvm::GlobPattern::create(Item);
    if (!Glob)
      return Glob.takeError();
    if (llvm::none_of(
            Known, [&](const std::string &Name) { return Glob->match(Name); }))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown check '" + Item +
                                         "'; 'leash rules' lists the checks");
  }
  return llvm::Error::success();
}

/// A one-line progress display, shown only on a terminal and never in CI.
class ProgressLine {
public:
  ProgressLine()
      : Enabled(llvm::sys::Process::StandardErrIsDisplayed() &&
                !llvm::sys::Process::GetEnv("CI")) {}
  void update(const std::string &File, size_t Done, size_t Total) {
    if (!Enabled)
      return;
    llvm::errs() << "\r\x1b[K[" << Done << '/' << Total << "] "
                 << llvm::sys::path::filename(File);
    llvm::errs().flush();
  }
  void clear() {
    if (Enabled)
      llvm::errs() << "\r\x1b[K";
  }

private:
  bool Enabled;
};

using FindingKey =
    std::tuple<std::string, std::string, unsigned, unsigned, std::string>;

} // namespace

int runCheck(const CheckRequest &Request) {
  // The database.
  if (!llvm::sys::fs::is_directory(Request.BuildDirectory))
    return usageError("build directory '" + Request.BuildDirectory +
                      "' does not exist; pass the directory that holds "
                      "compile_commands.json with -p");
  llvm::SmallString<256> DatabasePath(Request.BuildDirectory);
  llvm::sys::path::append(DatabasePath, "compile_commands.json");
  if (!llvm::sys::fs::exists(DatabasePath))
    return usageError("no compile_commands.json in '" + Request.BuildDirectory +
                      "'; configure the build with "
                      "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON (or record it with "
                      "bear)");
  std::string LoadError;
  auto Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      DatabasePath, LoadError,
      clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return usageError("cannot read '" + DatabasePath + "': " + LoadError);

  // Configuration, checked before any work.
  if (Request.Checks)
    if (llvm::Error E = verifyChecks(*Request.Checks))
      return usageError(llvm::toString(std::move(E)));
  if (Request.Config) {
    auto Parsed = clang::tidy::parseConfiguration(
        llvm::MemoryBufferRef(*Request.Config, "--config"));
    if (!Parsed)
      return usageError("cannot parse --config: " +
                        Parsed.getError().message());
    if (Parsed->Checks)
      if (llvm::Error E = verifyChecks(*Parsed->Checks))
        return usageError(llvm::toString(std::move(E)));
  }

  auto Files = selectFiles(Request, Database->getAllFiles());
  if (!Files)
    return usageError(llvm::toString(Files.takeError()));
  if (Files->empty())
    return usageError("the compile database of '" + Request.BuildDirectory +
                      "' has no translation units");

  // Adjust every command here, before the workers start, so that each
  // compiler is queried once.
  std::vector<llvm::GlobPattern> QueryGlobs;
  for (const std::string &Pattern : Request.QueryDrivers) {
    auto Glob = llvm::GlobPattern::create(Pattern);
    if (!Glob)
      return usageError("bad --query-driver glob '" + Pattern +
                        "': " + llvm::toString(Glob.takeError()));
    QueryGlobs.push_back(std::move(*Glob));
  }
  CompileCommandAdjuster Adjuster(std::move(QueryGlobs), Request.ResourceDir);
  AdjustedDatabase Adjusted;
  std::map<std::string, std::string> AdjustFailures;
  for (const std::string &File : *Files) {
    std::vector<clang::tooling::CompileCommand> Commands =
        Database->getCompileCommands(File);
    if (Commands.empty())
      continue;
    clang::tooling::CompileCommand Command = Commands.front();
    auto Arguments = Adjuster.adjust(Command);
    if (!Arguments) {
      AdjustFailures[File] = llvm::toString(Arguments.takeError());
      continue;
    }
    Command.CommandLine = std::move(*Arguments);
    if (Request.Verbose)
      llvm::errs() << "leash: " << File << ": "
                   << llvm::join(Command.CommandLine, " ") << '\n';
    Adjusted.add(std::move(Command));
  }

  CheckSelection Selection{Request.Checks, Request.Config};
  unsigned Jobs = Request.Jobs
                      ? Request.Jobs
                      : std::max(1u, std::thread::hardware_concurrency());
  ProgressLine Progress;
  std::vector<TranslationUnitResult> Results = runInWorkers(
      *Files, Jobs,
      [&](const std::string &File) {
        if (auto Failed = AdjustFailures.find(File);
            Failed != AdjustFailures.end()) {
          TranslationUnitResult Result;
          Result.File = File;
          Result.FailureReason = Failed->second;
          return Result;
        }
        return analyseTranslationUnit(Adjusted, File, Selection);
      },
      [&](const TranslationUnitResult &Result, size_t Done, size_t Total) {
        Progress.update(Result.File, Done, Total);
      });
  Progress.clear();

  // A header's finding appears once per run, however many units include it.
  std::vector<Finding> Findings;
  std::set<FindingKey> Seen;
  size_t Failed = 0;
  for (const TranslationUnitResult &Result : Results) {
    if (!Result.Analysed)
      ++Failed;
    for (const Finding &F : Result.Findings) {
      FindingKey Key{F.Rule, F.Where.File, F.Where.Line, F.Where.Column,
                     F.Message};
      if (Seen.insert(Key).second)
        Findings.push_back(F);
    }
  }

  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Request.OutputFile.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(Request.OutputFile, EC);
    if (EC)
      return usageError("cannot write '" + Request.OutputFile +
                        "': " + EC.message());
  }
  llvm::raw_ostream &Out = File ? *File : llvm::outs();
  writeTextReport(Findings, Out);
  Out.flush();

  size_t Warnings = 0, Errors = 0, Failing = 0;
  for (const Finding &F : Findings) {
    Warnings += F.Level == Severity::Warning;
    Errors += F.Level == Severity::Error;
    Failing += F.Level >= Request.FailOn;
  }
  for (const TranslationUnitResult &Result : Results)
    if (!Result.Analysed)
      llvm::WithColor::error(llvm::errs(), "leash")
          << "could not analyse '" << Result.File
          << "': " << Result.FailureReason << '\n';
  llvm::errs() << "leash: " << Results.size() - Failed << " of "
               << Results.size() << " translation units analysed, " << Warnings
               << (Warnings == 1 ? " warning, " : " warnings, ") << Errors
               << (Errors == 1 ? " error" : " errors");
  if (Failed)
    llvm::errs() << ", " << Failed << " not analysed";
  llvm::errs() << '\n';

  if (Failed)
    return ExitUnitFailed;
  return Failing ? ExitFindings : ExitClean;
}

} // namespace leash
