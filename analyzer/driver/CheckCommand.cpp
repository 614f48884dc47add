//===--- CheckCommand.cpp - `leash check` ---------------------------------===//

#include "CheckCommand.h"

#include "Baseline.h"
#include "CompileCommandAdjuster.h"
#include "ExitStatus.h"
#include "LenientConfiguration.h"
#include "PathGlob.h"
#include "ResultCache.h"
#include "RunGate.h"
#include "TranslationUnitAnalysis.h"
#include "WorkerPool.h"

#include "clang-tidy/ClangTidy.h"
#include "clang/Tooling/JSONCompilationDatabase.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/SHA256.h"
#include "llvm/Support/WithColor.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <thread>
#include <tuple>

namespace leash {

llvm::Expected<std::unique_ptr<clang::tooling::CompilationDatabase>>
loadDatabase(const std::string &BuildDirectory) {
  auto Fail = [](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), Why);
  };
  if (!llvm::sys::fs::is_directory(BuildDirectory))
    return Fail("build directory '" + BuildDirectory +
                "' does not exist; pass the directory that holds "
                "compile_commands.json with -p");
  llvm::SmallString<256> DatabasePath(BuildDirectory);
  llvm::sys::path::append(DatabasePath, "compile_commands.json");
  if (!llvm::sys::fs::exists(DatabasePath))
    return Fail("no compile_commands.json in '" + BuildDirectory +
                "'; configure the build with "
                "-DCMAKE_EXPORT_COMPILE_COMMANDS=ON (or record it with bear)");
  std::string LoadError;
  auto Database = clang::tooling::JSONCompilationDatabase::loadFromFile(
      DatabasePath, LoadError,
      clang::tooling::JSONCommandLineSyntax::AutoDetect);
  if (!Database)
    return Fail("cannot read '" + DatabasePath + "': " + LoadError);
  return std::move(Database);
}

std::vector<std::string>
withExtraArguments(std::vector<std::string> Arguments,
                   const CheckRequest &Request,
                   const clang::tidy::ClangTidyOptions &Options) {
  std::vector<std::string> Before = Request.ExtraArgsBefore;
  if (Options.ExtraArgsBefore)
    llvm::append_range(Before, *Options.ExtraArgsBefore);
  std::vector<std::string> After;
  if (Options.ExtraArgs)
    llvm::append_range(After, *Options.ExtraArgs);
  llvm::append_range(After, Request.ExtraArgs);
  if (Arguments.empty())
    return Arguments;
  Arguments.insert(Arguments.begin() + 1, Before.begin(), Before.end());
  llvm::append_range(Arguments, After);
  return Arguments;
}

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
  if (Request.Files.empty()) {
    // In path order, so that reports do not depend on the database's.
    std::vector<std::string> All = Known;
    llvm::sort(All);
    return All;
  }
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
    auto Glob = PathGlob::create(Pattern);
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

/// Fails on a `.clang-tidy` file above any of \p Files that does not parse
/// (clang-tidy would print a line and go on with other settings, so the gate
/// would pass without checking what the user meant it to); a key only newer
/// clang-tidy versions know is dropped with a warning.
llvm::Error verifyConfiguration(const std::vector<std::string> &Files,
                                const CheckSelection &Selection) {
  if (!Selection.Config) {
    std::set<std::string> Seen;
    for (const std::string &File : Files) {
      for (llvm::StringRef Dir = llvm::sys::path::parent_path(File);
           !Dir.empty(); Dir = llvm::sys::path::parent_path(Dir)) {
        llvm::SmallString<256> Path(Dir);
        llvm::sys::path::append(Path, ".clang-tidy");
        if (!Seen.insert(std::string(Path)).second)
          break; // This directory and those above it are checked already.
        auto Text = llvm::MemoryBuffer::getFile(Path);
        if (!Text)
          continue;
        auto Parsed = parseLenientConfiguration((*Text)->getMemBufferRef());
        if (!Parsed)
          return llvm::createStringError(
              llvm::inconvertibleErrorCode(),
              "malformed configuration '" + Path +
                  "': " + llvm::toString(Parsed.takeError()));
        // A key of a newer clang-tidy: said once, and the rest applies.
        for (const std::string &Key : Parsed->IgnoredKeys)
          llvm::errs() << "leash: warning: " << Path << ": ignoring key '"
                       << Key
                       << "', which clang-tidy 16 does not know; the rest of "
                          "the file applies\n";
      }
    }
  }
  return llvm::Error::success();
}

/// Whether \p Command compiles C, not C++: a `.c` file, or `-x c`.
bool compilesC(const clang::tooling::CompileCommand &Command) {
  for (size_t I = 0; I + 1 < Command.CommandLine.size(); ++I)
    if (Command.CommandLine[I] == "-x")
      return Command.CommandLine[I + 1] == "c";
  for (const std::string &Argument : Command.CommandLine)
    if (llvm::StringRef(Argument).startswith("-x"))
      return Argument == "-xc";
  return llvm::sys::path::extension(Command.Filename) == ".c";
}

/// \p Files less those the run leaves out, which go to \p Skipped with
/// why: excluded ones, C units, and those whose configuration enables no
/// leash rule (vendored code that its `.clang-tidy` turns off). A run in
/// which nothing is left fails: the gate would pass without checking
/// anything.
llvm::Expected<std::vector<std::string>>
skipUnits(const std::vector<std::string> &Files, const CheckRequest &Request,
          const clang::tooling::CompilationDatabase &Database,
          const CheckSelection &Selection, std::vector<SkippedUnit> &Skipped,
          bool AllowEmpty) {
  std::vector<PathGlob> Excludes;
  for (const std::string &Pattern : Request.Excludes) {
    auto Glob = PathGlob::create(absolute(Pattern));
    if (!Glob)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "bad --exclude glob '" + Pattern + "': " +
                                         llvm::toString(Glob.takeError()));
    Excludes.push_back(std::move(*Glob));
  }
  auto Provider = makeOptionsProvider(Selection);
  if (!Provider)
    return Provider.takeError();
  std::map<std::string, bool> EnablesLeashRule;
  std::vector<std::string> Kept;
  std::string LastChecks;
  for (const std::string &File : Files) {
    if (llvm::any_of(Excludes,
                     [&](const PathGlob &Glob) { return Glob.match(File); })) {
      Skipped.push_back({File, "excluded with --exclude"});
      continue;
    }
    auto Commands = Database.getCompileCommands(File);
    if (!Commands.empty() && compilesC(Commands.front())) {
      Skipped.push_back({File, "a C unit (the rules are about C++)"});
      continue;
    }
    // A --checks given on the command line is the user's explicit choice.
    if (!Selection.Checks) {
      clang::tidy::ClangTidyOptions Options = (*Provider)->getOptions(File);
      std::string Checks = Options.Checks.value_or("");
      auto [Entry, Inserted] = EnablesLeashRule.try_emplace(Checks, false);
      if (Inserted)
        Entry->second = llvm::any_of(
            clang::tidy::getCheckNames(Options,
                                       /*AllowEnablingAnalyzerAlphaCheckers=*/
                                       false),
            [](llvm::StringRef Name) { return Name.startswith("leash-"); });
      if (!Entry->second) {
        Skipped.push_back({File, "its configuration enables no leash rule "
                                 "(checks: '" +
                                     Checks + "')"});
        LastChecks = Checks;
        continue;
      }
    }
    Kept.push_back(File);
  }
  // A shard may hold nothing to check; the merge sees the whole run.
  if (Kept.empty() && AllowEmpty)
    return Kept;
  if (Kept.empty() && !LastChecks.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "no leash rule is enabled for any file of the run (checks: '" +
            LastChecks +
            "'); enable leash-* in a .clang-tidy or with --checks");
  if (Kept.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "every translation unit of the run is left out (" +
            std::to_string(Skipped.size()) +
            " skipped); nothing would be checked");
  return Kept;
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

/// Fails on a `--checks` or `--config` that names a check nobody has.
llvm::Error verifyCheckOptions(const CheckRequest &Request) {
  if (Request.Checks)
    if (llvm::Error E = verifyChecks(*Request.Checks))
      return E;
  if (Request.HeaderFilter)
    if (llvm::Error E = verifyHeaderFilter(*Request.HeaderFilter))
      return E;
  if (!Request.Config)
    return llvm::Error::success();
  auto Parsed = clang::tidy::parseConfiguration(
      llvm::MemoryBufferRef(*Request.Config, "--config"));
  if (!Parsed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot parse --config: " +
                                       Parsed.getError().message());
  return Parsed->Checks ? verifyChecks(*Parsed->Checks)
                        : llvm::Error::success();
}

/// The commands of \p Files, adjusted for Clang, and for each file whose
/// compiler could not be queried, why.
struct AdjustedCommands {
  AdjustedDatabase Database;
  std::map<std::string, std::string> Failures;
};

/// Adjusts every command before the workers start, so that each compiler is
/// queried once.
/// \p Arguments as one line a POSIX shell reads back as the same words:
/// each word that holds anything but plain characters in single quotes.
std::string shellQuoted(const std::vector<std::string> &Arguments) {
  std::string Line;
  for (const std::string &Word : Arguments) {
    if (!Line.empty())
      Line += ' ';
    const bool Plain = !Word.empty() && llvm::all_of(Word, [](char C) {
      return llvm::isAlnum(C) || llvm::StringRef("_-./=:+,@%").contains(C);
    });
    if (Plain) {
      Line += Word;
      continue;
    }
    Line += '\'';
    for (char C : Word)
      Line += C == '\'' ? std::string("'\\''") : std::string(1, C);
    Line += '\'';
  }
  return Line;
}

llvm::Expected<AdjustedCommands>
adjustCommands(const CheckRequest &Request,
               const clang::tooling::CompilationDatabase &Database,
               const std::vector<std::string> &Files,
               clang::tidy::ClangTidyOptionsProvider &Configuration) {
  std::vector<llvm::GlobPattern> QueryGlobs;
  for (const std::string &Pattern : Request.QueryDrivers) {
    auto Glob = llvm::GlobPattern::create(Pattern);
    if (!Glob)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "bad --query-driver glob '" + Pattern +
              "': " + llvm::toString(Glob.takeError()));
    QueryGlobs.push_back(std::move(*Glob));
  }
  CompileCommandAdjuster Adjuster(std::move(QueryGlobs), Request.ResourceDir);
  AdjustedCommands Adjusted;
  for (const std::string &File : Files) {
    std::vector<clang::tooling::CompileCommand> Commands =
        Database.getCompileCommands(File);
    if (Commands.empty())
      continue;
    clang::tooling::CompileCommand Command = Commands.front();
    auto Arguments = Adjuster.adjust(Command);
    if (!Arguments) {
      Adjusted.Failures[File] = llvm::toString(Arguments.takeError());
      continue;
    }
    Command.CommandLine = withExtraArguments(std::move(*Arguments), Request,
                                             Configuration.getOptions(File));
    if (Request.Verbose)
      llvm::errs() << "leash: " << File << ": "
                   << shellQuoted(Command.CommandLine) << '\n';
    Adjusted.Database.add(std::move(Command));
  }
  return std::move(Adjusted);
}

/// Writes the adjusted commands as `<Directory>/compile_commands.json`
/// (`--export-compile-commands`); says where, and what could not be
/// adjusted. Returns the exit status.
int exportCommands(const std::string &Directory,
                   const AdjustedCommands &Adjusted) {
  if (std::error_code EC = llvm::sys::fs::create_directories(Directory))
    return usageError("cannot create '" + Directory + "': " + EC.message());
  nlohmann::json Entries = nlohmann::json::array();
  for (const std::string &File : Adjusted.Database.getAllFiles())
    for (const clang::tooling::CompileCommand &Command :
         Adjusted.Database.getCompileCommands(File))
      Entries.push_back({{"directory", Command.Directory},
                         {"arguments", Command.CommandLine},
                         {"file", Command.Filename}});
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, "compile_commands.json");
  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return usageError("cannot write '" + Path + "': " + EC.message());
  Out << Entries.dump(2) << '\n';
  Out.close();
  if (Out.has_error())
    return usageError("cannot write '" + Path + "': " + Out.error().message());
  for (const auto &[File, Why] : Adjusted.Failures)
    llvm::WithColor::error(llvm::errs(), "leash")
        << "not exported: '" << File << "': " << Why << '\n';
  llvm::errs() << "leash: wrote " << Entries.size() << " adjusted commands to '"
               << Path << "'\n";
  return Adjusted.Failures.empty() ? ExitClean : ExitUnitFailed;
}

/// Prints each remark as one line, `leash: note: <file>:<line>:<col>:
/// <message> [<rule>]`: what `--verbose` adds after the analysis.
void printRemarks(const std::vector<Finding> &Remarks) {
  for (const Finding &R : Remarks) {
    llvm::WithColor::note(llvm::errs(), "leash");
    if (!R.Where.File.empty())
      llvm::errs() << R.Where.File << ':' << R.Where.Line << ':'
                   << R.Where.Column << ": ";
    llvm::errs() << R.Message;
    if (!R.Rule.empty())
      llvm::errs() << " [" << R.Rule << ']';
    llvm::errs() << '\n';
  }
}

} // namespace

std::string runConfiguration(const CheckRequest &Request) {
  clang::tidy::ClangTidyOptions All;
  All.Checks = "*";
  nlohmann::json What = {
      {"files", Request.Files},
      {"excludes", Request.Excludes},
      {"checks", Request.Checks ? nlohmann::json(*Request.Checks) : nullptr},
      {"config", Request.Config ? nlohmann::json(*Request.Config) : nullptr},
      {"headerFilter",
       Request.HeaderFilter ? nlohmann::json(*Request.HeaderFilter) : nullptr},
      {"queryDrivers", Request.QueryDrivers},
      {"extraArgsBefore", Request.ExtraArgsBefore},
      {"extraArgs", Request.ExtraArgs},
      {"unsafeInventory", Request.UnsafeInventory},
      // The checks this leash has, with those of --load modules.
      {"knownChecks", clang::tidy::getCheckNames(
                          All, /*AllowEnablingAnalyzerAlphaCheckers=*/false)}};
  return llvm::toHex(
             llvm::SHA256::hash(llvm::arrayRefFromStringRef(What.dump())),
             /*LowerCase=*/true)
      .substr(0, 16);
}

int runCheck(const CheckRequest &Request) {
  // Everything that can be wrong with the request, before any work.
  auto Setup =
      prepareRun(Request.Format, Request.SourceRoot, Request.BaselineFile);
  if (!Setup)
    return usageError(llvm::toString(Setup.takeError()));
  const std::string &SourceRoot = Setup->SourceRoot;
  const std::optional<Baseline> &Accepted = Setup->Accepted;
  auto Database = loadDatabase(Request.BuildDirectory);
  if (!Database)
    return usageError(llvm::toString(Database.takeError()));
  if (llvm::Error E = verifyCheckOptions(Request))
    return usageError(llvm::toString(std::move(E)));
  auto Files = selectFiles(Request, (*Database)->getAllFiles());
  if (!Files)
    return usageError(llvm::toString(Files.takeError()));
  if (Files->empty())
    return usageError("the compile database of '" + Request.BuildDirectory +
                      "' has no translation units");
  CheckSelection Selection{Request.Checks, Request.Config,
                           Request.UnsafeInventory, Request.HeaderFilter};
  if (llvm::Error E = verifyConfiguration(*Files, Selection))
    return usageError(llvm::toString(std::move(E)));
  std::vector<SkippedUnit> Skipped;
  if (Request.ShardPart) {
    // By the path as reports give it, the same on every machine.
    llvm::erase_if(*Files, [&](const std::string &File) {
      return !Request.ShardPart->contains(reportPath(File, SourceRoot));
    });
    if (Request.Verbose)
      llvm::WithColor::note(llvm::errs(), "leash")
          << "shard " << Request.ShardPart->str() << ": " << Files->size()
          << " translation units\n";
  }
  auto Kept = skipUnits(*Files, Request, **Database, Selection, Skipped,
                        Request.ShardPart.has_value());
  if (!Kept)
    return usageError(llvm::toString(Kept.takeError()));
  *Files = std::move(*Kept);
  if (Request.Verbose)
    for (const SkippedUnit &Unit : Skipped)
      llvm::WithColor::note(llvm::errs(), "leash")
          << "skipping '" << Unit.File << "': " << Unit.Reason << '\n';
  auto Configuration = makeOptionsProvider(Selection);
  if (!Configuration)
    return usageError(llvm::toString(Configuration.takeError()));
  auto Adjusted = adjustCommands(Request, **Database, *Files, **Configuration);
  if (!Adjusted)
    return usageError(llvm::toString(Adjusted.takeError()));
  if (!Request.ExportDirectory.empty())
    return exportCommands(Request.ExportDirectory, *Adjusted);

  // The analysis, one worker process per unit; with a cache, a unit whose
  // key is kept is not analysed again.
  std::optional<ResultCache> Cache;
  if (!Request.CacheDirectory.empty()) {
    if (std::error_code EC =
            llvm::sys::fs::create_directories(Request.CacheDirectory))
      return usageError("cannot create the cache directory '" +
                        Request.CacheDirectory + "': " + EC.message());
    Cache.emplace(Request.CacheDirectory, leashIdentity(Request.LoadedModules));
  }
  // Keys and lookups happen here, before any worker: a unit whose result
  // is kept costs no process, and headers are scanned once a run.
  unsigned Jobs = Request.Jobs
                      ? Request.Jobs
                      : std::max(1u, std::thread::hardware_concurrency());
  std::map<std::string, std::string> Keys;
  std::vector<TranslationUnitResult> Results(Files->size());
  std::vector<std::string> ToAnalyse;
  std::vector<size_t> ToAnalyseIndex;
  if (Cache)
    Keys = Cache->keys(Adjusted->Database, *Files, Selection, Jobs);
  for (size_t I = 0; I < Files->size(); ++I) {
    const std::string &File = (*Files)[I];
    if (auto Key = Keys.find(File); Key != Keys.end())
      if (std::optional<TranslationUnitResult> Kept =
              Cache->lookup(Key->second, File)) {
        Results[I] = std::move(*Kept);
        continue;
      }
    ToAnalyse.push_back(File);
    ToAnalyseIndex.push_back(I);
  }
  ProgressLine Progress;
  size_t FoundKept = Files->size() - ToAnalyse.size();
  std::vector<TranslationUnitResult> Analysed = runInWorkers(
      ToAnalyse, Jobs,
      [&](const std::string &File) {
        if (auto Failed = Adjusted->Failures.find(File);
            Failed != Adjusted->Failures.end()) {
          TranslationUnitResult Result;
          Result.File = File;
          Result.FailureReason = Failed->second;
          return Result;
        }
        TranslationUnitResult Result =
            analyseTranslationUnit(Adjusted->Database, File, Selection);
        // In the worker, so that workers write their entries in parallel.
        if (auto Key = Keys.find(File); Key != Keys.end() && Result.Analysed)
          Cache->store(Key->second, Result);
        return Result;
      },
      [&](const TranslationUnitResult &Result, size_t Done, size_t Total) {
        Progress.update(Result.File, FoundKept + Done, FoundKept + Total);
      });
  for (size_t I = 0; I < Analysed.size(); ++I)
    Results[ToAnalyseIndex[I]] = std::move(Analysed[I]);
  Progress.clear();
  MergedResults Merged = mergeUnitResults(Results);
  // Remarks are not findings: no report, count, baseline or exit status
  // sees them.
  if (Request.Verbose)
    printRemarks(Merged.Remarks);
  size_t FromCache = 0;
  for (const TranslationUnitResult &Result : Results) {
    FromCache += Result.FromCache;
    if (Result.FromCache && Request.Verbose)
      llvm::WithColor::note(llvm::errs(), "leash")
          << "'" << Result.File << "': from the cache\n";
  }

  RunReport Report;
  Report.SourceRoot = SourceRoot;
  Report.WorkingDirectory = Setup->WorkingDirectory;
  Report.Units = std::move(Results);
  Report.Skipped = std::move(Skipped);
  if (Request.ShardPart) {
    Report.Shard.emplace();
    Report.Shard->Index = Request.ShardPart->Index;
    Report.Shard->Count = Request.ShardPart->Count;
    Report.Shard->Configuration = runConfiguration(Request);
  }
  GateOptions Gate;
  Gate.Format = Request.Format;
  Gate.OutputFile = Request.OutputFile;
  Gate.BaselineFile = Request.BaselineFile;
  Gate.WriteBaselineFile = Request.WriteBaselineFile;
  Gate.FailOn = Request.FailOn;
  Gate.UnsafeInventory = Request.UnsafeInventory;
  if (Cache)
    Gate.FromCache = FromCache;
  return finishRun(Gate, Report, Merged, Accepted);
}

} // namespace leash
