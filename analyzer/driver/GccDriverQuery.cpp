//===--- GccDriverQuery.cpp - Ask a GCC driver for its target and headers -===//

#include "GccDriverQuery.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Program.h"

namespace leash {

llvm::Expected<DriverInfo> parseDriverOutput(llvm::StringRef Output) {
  DriverInfo Info;
  bool InSearchList = false;
  bool SawSearchList = false;
  llvm::SmallVector<llvm::StringRef> Lines;
  Output.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.rtrim("\r");
    if (Line.consume_front("Target: ")) {
      Info.Target = Line.trim().str();
    } else if (Line.startswith("#include <...> search starts here:")) {
      InSearchList = SawSearchList = true;
    } else if (Line.startswith("End of search list.")) {
      InSearchList = false;
    } else if (InSearchList && Line.startswith(" ")) {
      // Entries are indented by one space; macOS-style framework entries
      // carry a suffix that does not occur with GCC cross compilers.
      llvm::SmallString<256> Dir(Line.trim());
      llvm::sys::path::remove_dots(Dir, /*remove_dot_dot=*/true);
      Info.SystemIncludes.push_back(std::string(Dir));
    }
  }
  if (Info.Target.empty() || !SawSearchList)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "its output has no 'Target:' line or no include search list");
  return Info;
}

void parsePredefinedMacros(llvm::StringRef Macros, DriverInfo &Info) {
  std::map<std::string, std::string> Version;
  llvm::SmallVector<llvm::StringRef> Lines;
  Macros.split(Lines, '\n');
  for (llvm::StringRef Line : Lines) {
    Line = Line.rtrim("\r");
    if (!Line.consume_front("#define "))
      continue;
    auto [Name, Definition] = Line.split(' ');
    if (Name == "__GNUC__" || Name == "__GNUC_MINOR__" ||
        Name == "__GNUC_PATCHLEVEL__")
      Version[Name.str()] = Definition.trim().str();
    else if (Name.startswith("__") && Name.endswith("_TYPE__") &&
             !Name.contains('('))
      Info.TypeMacros.emplace_back(Name.str(), Definition.trim().str());
  }
  if (Version.size() == 3)
    Info.GnucVersion = Version["__GNUC__"] + "." + Version["__GNUC_MINOR__"] +
                       "." + Version["__GNUC_PATCHLEVEL__"];
}

std::vector<std::string> GccDriverQuery::headerSelectingFlags(
    const std::vector<std::string> &Arguments) {
  std::vector<std::string> Flags;
  for (size_t I = 1; I < Arguments.size(); ++I) {
    llvm::StringRef Arg = Arguments[I];
    if (Arg == "--sysroot" || Arg == "-isysroot" || Arg == "-specs") {
      if (I + 1 < Arguments.size()) {
        Flags.push_back(Arguments[I]);
        Flags.push_back(Arguments[++I]);
      }
      continue;
    }
    if ((Arg.startswith("-m") && Arg != "-MD" && Arg != "-MMD" &&
         !Arg.startswith("-MF") && !Arg.startswith("-MT") &&
         !Arg.startswith("-MQ")) ||
        Arg.startswith("--sysroot=") || Arg.startswith("-isysroot") ||
        Arg.startswith("-specs=") || Arg.startswith("--specs=") ||
        Arg.startswith("-nostdinc") || Arg.startswith("-std=") ||
        Arg.startswith("-stdlib="))
      Flags.push_back(Arguments[I]);
  }
  return Flags;
}

llvm::Expected<DriverInfo>
GccDriverQuery::query(llvm::StringRef Driver,
                      const std::vector<std::string> &Flags,
                      llvm::StringRef Language) {
  std::string Key =
      (Driver + "\x1f" + Language + "\x1f" + llvm::join(Flags, "\x1f")).str();
  if (auto Found = Cache.find(Key); Found != Cache.end())
    return Found->second;

  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "cannot query compiler '" + Driver +
                                       "': " + Why);
  };

  std::string Program = Driver.str();
  if (!llvm::sys::path::is_absolute(Program)) {
    auto Found = llvm::sys::findProgramByName(Program);
    if (!Found)
      return Fail("not found on PATH");
    Program = *Found;
  }

  llvm::SmallString<128> ErrorFile, MacroFile;
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile("leash_gcc_query",
                                                              "txt", ErrorFile))
    return Fail("cannot create a temporary file: " + EC.message());
  if (std::error_code EC = llvm::sys::fs::createTemporaryFile(
          "leash_gcc_macros", "txt", MacroFile)) {
    llvm::sys::fs::remove(ErrorFile);
    return Fail("cannot create a temporary file: " + EC.message());
  }
  std::vector<llvm::StringRef> Argv = {Program};
  for (const std::string &Flag : Flags)
    Argv.push_back(Flag);
  for (llvm::StringRef Arg : {"-E", "-x"})
    Argv.push_back(Arg);
  Argv.push_back(Language);
  // -v tells the target and the search list on stderr, -dM the predefined
  // macros on stdout.
  for (llvm::StringRef Arg : {"-", "-v", "-dM"})
    Argv.push_back(Arg);
  std::optional<llvm::StringRef> Redirects[] = {llvm::StringRef(""),
                                                llvm::StringRef(MacroFile),
                                                llvm::StringRef(ErrorFile)};
  std::string ExecError;
  int Status = llvm::sys::ExecuteAndWait(Program, Argv, std::nullopt, Redirects,
                                         /*SecondsToWait=*/60,
                                         /*MemoryLimit=*/0, &ExecError);
  auto Output = llvm::MemoryBuffer::getFile(ErrorFile);
  auto Macros = llvm::MemoryBuffer::getFile(MacroFile);
  llvm::sys::fs::remove(ErrorFile);
  llvm::sys::fs::remove(MacroFile);
  if (Status != 0 || !Output)
    return Fail(ExecError.empty()
                    ? "it exited with status " + llvm::Twine(Status)
                    : llvm::Twine(ExecError));
  auto Info = parseDriverOutput((*Output)->getBuffer());
  if (!Info)
    return Fail(llvm::toString(Info.takeError()));
  if (Macros)
    parsePredefinedMacros((*Macros)->getBuffer(), *Info);
  Cache.emplace(Key, *Info);
  return Info;
}

} // namespace leash
