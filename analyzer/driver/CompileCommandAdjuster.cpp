//===--- CompileCommandAdjuster.cpp - Make compile commands parse in Clang ===//

#include "CompileCommandAdjuster.h"

#include "clang/Driver/Options.h"
#include "llvm/Option/ArgList.h"
#include "llvm/Option/OptTable.h"
#include "llvm/Support/Path.h"

#include <set>

namespace leash {

namespace {

bool isCSource(llvm::StringRef File) {
  return llvm::sys::path::extension(File) == ".c";
}

bool isWerror(llvm::StringRef Spelling) {
  return Spelling == "-Werror" || Spelling.startswith("-Werror=") ||
         Spelling == "-pedantic-errors";
}

} // namespace

std::vector<std::string>
dropArgumentsClangRejects(const std::vector<std::string> &Arguments) {
  if (Arguments.empty())
    return Arguments;
  std::vector<const char *> Argv;
  for (size_t I = 1; I < Arguments.size(); ++I)
    Argv.push_back(Arguments[I].c_str());
  namespace options = clang::driver::options;
  unsigned MissingIndex = 0, MissingCount = 0;
  llvm::opt::InputArgList Parsed = clang::driver::getDriverOptTable().ParseArgs(
      Argv, MissingIndex, MissingCount, /*FlagsToInclude=*/0,
      /*FlagsToExclude=*/options::CLOption | options::NoDriverOption);
  // Every argv slot belongs to the Arg that starts at or before it, so an
  // Arg spans from its index to the next Arg's.
  std::vector<const llvm::opt::Arg *> Args(Parsed.begin(), Parsed.end());
  std::set<unsigned> Dropped;
  for (size_t N = 0; N < Args.size(); ++N) {
    const llvm::opt::Arg *A = Args[N];
    bool Unknown = A->getOption().getID() == options::OPT_UNKNOWN;
    bool Unsupported = A->getOption().hasFlag(options::Unsupported);
    if (!Unknown && !Unsupported && !isWerror(Argv[A->getIndex()]))
      continue;
    unsigned End = N + 1 < Args.size() ? Args[N + 1]->getIndex() : Argv.size();
    for (unsigned I = A->getIndex(); I < End; ++I)
      Dropped.insert(I);
  }
  std::vector<std::string> Kept = {Arguments[0]};
  for (size_t I = 1; I < Arguments.size(); ++I)
    if (!Dropped.count(I - 1))
      Kept.push_back(Arguments[I]);
  return Kept;
}

CompileCommandAdjuster::CompileCommandAdjuster(
    std::vector<llvm::GlobPattern> QueryDriverGlobs, std::string ResourceDir)
    : QueryDriverGlobs(std::move(QueryDriverGlobs)),
      ResourceDir(std::move(ResourceDir)) {}

bool CompileCommandAdjuster::shouldQuery(llvm::StringRef Driver) const {
  if (llvm::sys::path::filename(Driver).contains("-none-eabi-"))
    return true;
  for (const llvm::GlobPattern &Glob : QueryDriverGlobs)
    if (Glob.match(Driver))
      return true;
  return false;
}

llvm::Expected<std::vector<std::string>>
CompileCommandAdjuster::adjust(const clang::tooling::CompileCommand &Command) {
  std::vector<std::string> Arguments =
      dropArgumentsClangRejects(Command.CommandLine);
  if (Arguments.empty())
    return Arguments;
  std::vector<std::string> Extra = {"-resource-dir=" + ResourceDir};
  if (shouldQuery(Arguments[0])) {
    llvm::StringRef Language = isCSource(Command.Filename) ? "c" : "c++";
    auto Info = Query.query(
        Arguments[0], GccDriverQuery::headerSelectingFlags(Command.CommandLine),
        Language);
    if (!Info)
      return Info.takeError();
    Extra.push_back("--target=" + Info->Target);
    Extra.push_back("-nostdinc");
    // Clang's own builtin headers (stdarg.h, arm_acle.h, ...) go after the
    // C++ library and before GCC's: GCC's builtin headers only parse in GCC.
    bool ResourcePlaced = false;
    auto PlaceResource = [&] {
      Extra.push_back("-isystem");
      Extra.push_back(ResourceDir + "/include");
      ResourcePlaced = true;
    };
    for (const std::string &Dir : Info->SystemIncludes) {
      if (!ResourcePlaced && !llvm::StringRef(Dir).contains("/c++/"))
        PlaceResource();
      Extra.push_back("-isystem");
      Extra.push_back(Dir);
    }
    if (!ResourcePlaced)
      PlaceResource();
    // GCC's view of the language: its version, and its types, so that
    // overloads on int and int32_t, and version checks, parse as they
    // compile.
    if (!Info->GnucVersion.empty())
      Extra.push_back("-fgnuc-version=" + Info->GnucVersion);
    for (const auto &[Name, Definition] : Info->TypeMacros) {
      Extra.push_back("-U" + Name);
      Extra.push_back("-D" + Name + "=" + Definition);
    }
  }
  Arguments.insert(Arguments.begin() + 1, Extra.begin(), Extra.end());
  return Arguments;
}

} // namespace leash
