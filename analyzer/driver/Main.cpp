//===--- Main.cpp - The `leash` command line ------------------------------===//
///
/// \file
/// `leash check` runs the leash checks over a compile database (or one shard
/// of it); `leash merge` joins the shards' reports; `leash rules`
/// lists the rules and `leash explain RULE` prints one rule's page. Exit
/// statuses are in ExitStatus.h.
///
//===----------------------------------------------------------------------===//

#include "CheckCommand.h"
#include "ExitStatus.h"
#include "LspServer.h"
#include "MergeCommand.h"
#include "RulesCommand.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/DynamicLibrary.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Process.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

#ifndef LEASH_CLANG_RESOURCE_DIR
#error "the build must define LEASH_CLANG_RESOURCE_DIR"
#endif
#ifndef LEASH_VERSION
#error "the build must define LEASH_VERSION"
#endif

namespace cl = llvm::cl;

namespace {

cl::OptionCategory LeashCategory("leash options");

cl::SubCommand CheckSubcommand("check",
                               "Check the translation units of a compile "
                               "database");

cl::opt<std::string>
    BuildPath("p", cl::desc("Build directory with compile_commands.json"),
              cl::value_desc("dir"), cl::sub(CheckSubcommand),
              cl::cat(LeashCategory));
cl::list<std::string> Files(cl::Positional,
                            cl::desc("[<file or glob> ...] (relative to the "
                                     "current directory; as in the shell, * "
                                     "stays within a directory and ** "
                                     "crosses them; quote globs)"),
                            cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::list<std::string>
    Exclude("exclude",
            cl::desc("Leave out the units matching <glob> (as the file "
                     "arguments match; may be repeated)"),
            cl::value_desc("glob"), cl::sub(CheckSubcommand),
            cl::cat(LeashCategory));
cl::opt<std::string> Checks("checks",
                            cl::desc("Checks to run, as clang-tidy's -checks "
                                     "globs (default: leash-*)"),
                            cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> HeaderFilter(
    "header-filter",
    cl::desc("Report findings only in the headers whose path matches "
             "<regex>, and in the units themselves (as clang-tidy's; over "
             ".clang-tidy's HeaderFilterRegex; default: every header)"),
    cl::value_desc("regex"), cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> Config("config",
                            cl::desc("YAML configuration used instead of "
                                     ".clang-tidy files"),
                            cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::list<std::string>
    QueryDriver("query-driver",
                cl::desc("Globs of GCC drivers to ask for their target and "
                         "headers (*-none-eabi-* always are)"),
                cl::CommaSeparated, cl::sub(CheckSubcommand),
                cl::cat(LeashCategory));
cl::list<std::string> ExtraArg(
    "extra-arg",
    cl::desc("Additional argument to append to every compile command (as "
             "clang-tidy's; the .clang-tidy key ExtraArgs adds more)"),
    cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::list<std::string> ExtraArgBefore(
    "extra-arg-before",
    cl::desc("Additional argument to put right after the compiler in every "
             "compile command (the .clang-tidy key ExtraArgsBefore adds "
             "more)"),
    cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> ExportCompileCommands(
    "export-compile-commands",
    cl::desc("Write the commands as leash adjusts them (cross compilers "
             "queried, GCC-only flags dropped, extra arguments added) to "
             "<dir>/compile_commands.json for clang-tidy or clangd, and stop"),
    cl::value_desc("dir"), cl::sub(CheckSubcommand), cl::cat(LeashCategory));
// -j2 as well as -j 2: the spelling every build tool accepts.
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units analysed at once "
                                "(default: all cores)"),
                       cl::init(0), cl::Prefix, cl::sub(CheckSubcommand),
                       cl::cat(LeashCategory));
cl::opt<std::string>
    Output("output", cl::desc("Write the report to <file> (also -o <file>)"),
           cl::value_desc("file"), cl::sub(CheckSubcommand),
           cl::cat(LeashCategory));
cl::alias OutputShort("o", cl::desc("Alias for --output"), cl::aliasopt(Output),
                      cl::cat(LeashCategory));
cl::opt<std::string> Format("format",
                            cl::desc("Report format: text (default), json or "
                                     "sarif"),
                            cl::value_desc("format"), cl::init("text"),
                            cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string>
    SourceRoot("source-root",
               cl::desc("Directory that report paths are relative to "
                        "(default: the current directory)"),
               cl::value_desc("dir"), cl::sub(CheckSubcommand),
               cl::cat(LeashCategory));
cl::opt<std::string>
    BaselineFile("baseline",
                 cl::desc("Report and fail on only the findings that "
                          "<file> does not hold"),
                 cl::value_desc("file"), cl::sub(CheckSubcommand),
                 cl::cat(LeashCategory));
cl::opt<bool> UnsafeInventory(
    "unsafe-inventory",
    cl::desc("Also list every LEASH_UNSAFE function and block with its "
             "reason, and counts per file and per tier"),
    cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> WriteBaseline(
    "write-baseline", cl::desc("Record every finding of this run in <file>"),
    cl::value_desc("file"), cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::list<std::string>
    Load("load",
         cl::desc("Load a clang-tidy module plugin built for LLVM 16 (its "
                  "checks become available to --checks)"),
         cl::value_desc("library"), cl::sub(CheckSubcommand),
         cl::cat(LeashCategory));
cl::opt<bool> Verbose(
    "verbose",
    cl::desc("Print each adjusted compile command, and the checks' notes "
             "that are not findings (a function too large to analyse)"),
    cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> ShardOption(
    "shard",
    cl::desc("Check only part I of N of the translation units (1 <= I <= N, "
             "as GitLab's CI_NODE_INDEX/CI_NODE_TOTAL): a stable split by "
             "the hash of each unit's path under --source-root; join the "
             "parts' JSON (or SARIF) reports with 'leash merge'"),
    cl::value_desc("I/N"), cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> CacheDir(
    "cache-dir",
    cl::desc("Keep each unit's result in <dir> and do not analyse a unit "
             "again while it and the files it includes, its command, its "
             "configuration and leash are unchanged (default: "
             "$LEASH_CACHE_DIR; none if unset)"),
    cl::value_desc("dir"), cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<leash::Severity> FailOn(
    "fail-on", cl::desc("Lowest severity that fails the run"),
    cl::values(clEnumValN(leash::Severity::Warning, "warning",
                          "warnings and errors (default)"),
               clEnumValN(leash::Severity::Error, "error", "errors only")),
    cl::init(leash::Severity::Warning), cl::sub(CheckSubcommand),
    cl::cat(LeashCategory));

cl::SubCommand MergeSubcommand(
    "merge", "Join the JSON or SARIF reports of the shards of one run "
             "('leash check --shard I/N --format=json') into the report of "
             "the whole run, with its exit status");
cl::list<std::string> MergeInputs(cl::Positional,
                                  cl::desc("<shard report.json or .sarif> ..."),
                                  cl::sub(MergeSubcommand),
                                  cl::cat(LeashCategory));
cl::opt<std::string> MergeOutput(
    "output", cl::desc("Write the report to <file> (also -o <file>)"),
    cl::value_desc("file"), cl::sub(MergeSubcommand), cl::cat(LeashCategory));
cl::alias MergeOutputShort("o", cl::desc("Alias for --output"),
                           cl::aliasopt(MergeOutput), cl::cat(LeashCategory));
cl::opt<std::string> MergeFormat("format",
                                 cl::desc("Report format: text (default), "
                                          "json or sarif"),
                                 cl::value_desc("format"), cl::init("text"),
                                 cl::sub(MergeSubcommand),
                                 cl::cat(LeashCategory));
cl::opt<std::string> MergeSourceRoot(
    "source-root",
    cl::desc("Directory that report paths are relative to, a checkout of "
             "the tree the shards checked (default: the current directory)"),
    cl::value_desc("dir"), cl::sub(MergeSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> MergeBaseline(
    "baseline",
    cl::desc("Report and fail on only the findings that <file> does not hold"),
    cl::value_desc("file"), cl::sub(MergeSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> MergeWriteBaseline(
    "write-baseline", cl::desc("Record every finding of the run in <file>"),
    cl::value_desc("file"), cl::sub(MergeSubcommand), cl::cat(LeashCategory));
cl::opt<leash::Severity> MergeFailOn(
    "fail-on", cl::desc("Lowest severity that fails the run"),
    cl::values(clEnumValN(leash::Severity::Warning, "warning",
                          "warnings and errors (default)"),
               clEnumValN(leash::Severity::Error, "error", "errors only")),
    cl::init(leash::Severity::Warning), cl::sub(MergeSubcommand),
    cl::cat(LeashCategory));

cl::SubCommand LspSubcommand("lsp",
                             "Serve diagnostics and quick fixes to editors "
                             "(Language Server Protocol on stdin/stdout)");
cl::opt<std::string> CompileCommandsDir(
    "compile-commands-dir",
    cl::desc("Directory of compile_commands.json (default: each file's "
             "directory and its parents, and build/ under each, as clangd)"),
    cl::value_desc("dir"), cl::sub(LspSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> RuleBaseUrl(
    "rule-base-url",
    cl::desc("Base that rule pages are linked under, as <base>rules/<id>.md "
             "(default: the source tree leash was built from)"),
    cl::value_desc("url"), cl::sub(LspSubcommand), cl::cat(LeashCategory));
cl::opt<unsigned> DebounceMs(
    "debounce-ms",
    cl::desc("Milliseconds after the last change before a file is analysed"),
    cl::init(200), cl::sub(LspSubcommand), cl::cat(LeashCategory));
cl::opt<std::string>
    LspChecks("checks",
              cl::desc("Checks to run, as clang-tidy's -checks globs "
                       "(default: leash-*, or what .clang-tidy files say)"),
              cl::sub(LspSubcommand), cl::cat(LeashCategory));
cl::list<std::string>
    LspLoad("load",
            cl::desc("Load a clang-tidy module plugin built for LLVM 16 (as "
                     "'leash check --load')"),
            cl::value_desc("library"), cl::sub(LspSubcommand),
            cl::cat(LeashCategory));
cl::list<std::string>
    LspQueryDriver("query-driver",
                   cl::desc("Globs of GCC drivers to ask for their target and "
                            "headers (*-none-eabi-* always are)"),
                   cl::CommaSeparated, cl::sub(LspSubcommand),
                   cl::cat(LeashCategory));

cl::SubCommand RulesSubcommand("rules", "List the rules: id, group, whether "
                                        "implemented, summary");

cl::SubCommand ExplainSubcommand("explain", "Print the page of a rule");
cl::opt<std::string> ExplainRule(cl::Positional, cl::desc("<rule id>"),
                                 cl::sub(ExplainSubcommand),
                                 cl::cat(LeashCategory));

/// Loads each clang-tidy module of \p Libraries; false (said on stderr) when
/// one does not load. The module registers its checks when it is loaded,
/// as under clang-tidy's -load.
bool loadModules(const cl::list<std::string> &Libraries) {
  for (const std::string &Library : Libraries) {
    std::string Error;
    if (llvm::sys::DynamicLibrary::LoadLibraryPermanently(Library.c_str(),
                                                          &Error)) {
      llvm::WithColor::error(llvm::errs(), "leash")
          << "cannot load '" << Library << "': " << Error << '\n';
      return false;
    }
  }
  return true;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM Init(argc, argv);
  // Lets Clang infer a target from a driver name like arm-none-eabi-g++.
  llvm::InitializeAllTargetInfos();
  cl::HideUnrelatedOptions(LeashCategory);
  cl::SetVersionPrinter(
      [](llvm::raw_ostream &OS) { OS << "leash " LEASH_VERSION "\n"; });

  if (!cl::ParseCommandLineOptions(argc, argv,
                                   "leash: the ownership discipline checker "
                                   "for C++ kernels\n",
                                   &llvm::errs()))
    return leash::ExitUsage;

  if (CheckSubcommand) {
    if (BuildPath.empty()) {
      llvm::WithColor::error(llvm::errs(), "leash")
          << "'leash check' needs -p <build directory>\n";
      return leash::ExitUsage;
    }
    leash::CheckRequest Request;
    Request.BuildDirectory = BuildPath;
    Request.Files.assign(Files.begin(), Files.end());
    Request.Excludes.assign(Exclude.begin(), Exclude.end());
    if (Checks.getNumOccurrences())
      Request.Checks = Checks;
    if (Config.getNumOccurrences())
      Request.Config = Config;
    if (HeaderFilter.getNumOccurrences())
      Request.HeaderFilter = HeaderFilter;
    Request.QueryDrivers.assign(QueryDriver.begin(), QueryDriver.end());
    Request.ExtraArgs.assign(ExtraArg.begin(), ExtraArg.end());
    Request.ExtraArgsBefore.assign(ExtraArgBefore.begin(),
                                   ExtraArgBefore.end());
    Request.Jobs = Jobs;
    Request.OutputFile = Output;
    Request.Format = Format;
    Request.SourceRoot = SourceRoot;
    Request.BaselineFile = BaselineFile;
    Request.WriteBaselineFile = WriteBaseline;
    Request.UnsafeInventory = UnsafeInventory;
    Request.FailOn = FailOn;
    Request.Verbose = Verbose;
    Request.ResourceDir = LEASH_CLANG_RESOURCE_DIR;
    Request.ExportDirectory = ExportCompileCommands;
    if (ShardOption.getNumOccurrences()) {
      auto Part = leash::Shard::parse(ShardOption);
      if (!Part) {
        llvm::WithColor::error(llvm::errs(), "leash")
            << llvm::toString(Part.takeError()) << '\n';
        return leash::ExitUsage;
      }
      Request.ShardPart = *Part;
    }
    Request.CacheDirectory = CacheDir;
    if (!CacheDir.getNumOccurrences())
      if (std::optional<std::string> FromEnvironment =
              llvm::sys::Process::GetEnv("LEASH_CACHE_DIR"))
        Request.CacheDirectory = *FromEnvironment;
    Request.LoadedModules.assign(Load.begin(), Load.end());
    if (!loadModules(Load))
      return leash::ExitUsage;
    return leash::runCheck(Request);
  }
  if (LspSubcommand) {
    leash::LspOptions Options;
    Options.CompileCommandsDirectory = CompileCommandsDir;
    Options.RuleBase = RuleBaseUrl.empty()
                           ? std::string(LEASH_RULE_HELP_BASE_URI)
                           : std::string(RuleBaseUrl);
    if (!Options.RuleBase.empty() && Options.RuleBase.back() != '/')
      Options.RuleBase += '/';
    Options.DebounceMilliseconds = DebounceMs;
    Options.QueryDrivers.assign(LspQueryDriver.begin(), LspQueryDriver.end());
    Options.ResourceDir = LEASH_CLANG_RESOURCE_DIR;
    Options.Version = LEASH_VERSION;
    if (LspChecks.getNumOccurrences())
      Options.Checks = LspChecks;

    if (!loadModules(LspLoad))
      return leash::ExitUsage;
    return leash::runLsp(Options);
  }
  if (MergeSubcommand) {
    leash::MergeRequest Request;
    Request.Inputs.assign(MergeInputs.begin(), MergeInputs.end());
    Request.Gate.Format = MergeFormat;
    Request.Gate.OutputFile = MergeOutput;
    Request.Gate.BaselineFile = MergeBaseline;
    Request.Gate.WriteBaselineFile = MergeWriteBaseline;
    Request.Gate.FailOn = MergeFailOn;
    Request.SourceRoot = MergeSourceRoot;
    return leash::runMerge(Request);
  }
  if (RulesSubcommand)
    return leash::runRules(llvm::outs());
  if (ExplainSubcommand) {
    if (ExplainRule.empty()) {
      llvm::WithColor::error(llvm::errs(), "leash")
          << "'leash explain' needs a rule id; 'leash rules' lists them\n";
      return leash::ExitUsage;
    }
    return leash::runExplain(ExplainRule, llvm::outs());
  }

  llvm::WithColor::error(llvm::errs(), "leash")
      << "no command given; try 'leash check -p <build directory>', "
         "'leash merge', 'leash rules' or 'leash --help'\n";
  return leash::ExitUsage;
}
