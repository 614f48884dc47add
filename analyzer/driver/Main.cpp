//===--- Main.cpp - The `leash` command line ------------------------------===//
///
/// \file
/// `leash check` runs the leash checks over a compile database. Exit statuses
/// are in ExitStatus.h.
///
//===----------------------------------------------------------------------===//

#include "CheckCommand.h"
#include "ExitStatus.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/Support/WithColor.h"

#ifndef LEASH_CLANG_RESOURCE_DIR
#error "the build must define LEASH_CLANG_RESOURCE_DIR"
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
cl::list<std::string> Files(cl::Positional, cl::desc("[<file or glob> ...]"),
                            cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<std::string> Checks("checks",
                            cl::desc("Checks to run, as clang-tidy's -checks "
                                     "globs (default: leash-*)"),
                            cl::sub(CheckSubcommand), cl::cat(LeashCategory));
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
cl::opt<unsigned> Jobs("j",
                       cl::desc("Translation units analysed at once "
                                "(default: all cores)"),
                       cl::init(0), cl::sub(CheckSubcommand),
                       cl::cat(LeashCategory));
cl::opt<std::string> Output("output", cl::desc("Write the report to <file>"),
                            cl::value_desc("file"), cl::sub(CheckSubcommand),
                            cl::cat(LeashCategory));
cl::opt<bool> Verbose("verbose",
                      cl::desc("Print each adjusted compile command"),
                      cl::sub(CheckSubcommand), cl::cat(LeashCategory));
cl::opt<leash::Severity> FailOn(
    "fail-on", cl::desc("Lowest severity that fails the run"),
    cl::values(clEnumValN(leash::Severity::Warning, "warning",
                          "warnings and errors (default)"),
               clEnumValN(leash::Severity::Error, "error", "errors only")),
    cl::init(leash::Severity::Warning), cl::sub(CheckSubcommand),
    cl::cat(LeashCategory));

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM Init(argc, argv);
  // Lets Clang infer a target from a driver name like arm-none-eabi-g++.
  llvm::InitializeAllTargetInfos();
  cl::HideUnrelatedOptions(LeashCategory);

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
    if (Checks.getNumOccurrences())
      Request.Checks = Checks;
    if (Config.getNumOccurrences())
      Request.Config = Config;
    Request.QueryDrivers.assign(QueryDriver.begin(), QueryDriver.end());
    Request.Jobs = Jobs;
    Request.OutputFile = Output;
    Request.FailOn = FailOn;
    Request.Verbose = Verbose;
    Request.ResourceDir = LEASH_CLANG_RESOURCE_DIR;
    return leash::runCheck(Request);
  }

  llvm::WithColor::error(llvm::errs(), "leash")
      << "no command given; try 'leash check -p <build directory>' or "
         "'leash --help'\n";
  return leash::ExitUsage;
}
