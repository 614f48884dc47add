//===- HeaderUnit.cpp - The unit through which a header is analysed ------===//

#include "HeaderUnit.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <set>
#include <vector>

namespace leash {
namespace {

/// How many files one source's include graph may visit before the search
/// gives up on it (a generated mega-header must not stall the editor).
constexpr size_t MaxFilesPerSource = 2000;

/// The names in the `#include "..."` and `#include <...>` lines of \p Text.
std::vector<std::string> includedNames(llvm::StringRef Text) {
  std::vector<std::string> Names;
  while (!Text.empty()) {
    auto [Line, Rest] = Text.split('\n');
    Text = Rest;
    Line = Line.ltrim();
    if (!Line.consume_front("#"))
      continue;
    Line = Line.ltrim();
    if (!Line.consume_front("include"))
      continue;
    Line = Line.ltrim();
    if (Line.empty() || (Line.front() != '"' && Line.front() != '<'))
      continue;
    const char Close = Line.front() == '"' ? '"' : '>';
    const size_t End = Line.find(Close, 1);
    if (End != llvm::StringRef::npos)
      Names.push_back(Line.slice(1, End).str());
  }
  return Names;
}

/// The directories the command \p Command searches for includes.
std::vector<std::string>
includeDirectories(const clang::tooling::CompileCommand &Command) {
  std::vector<std::string> Directories;
  const auto &Line = Command.CommandLine;
  for (size_t I = 0; I < Line.size(); ++I) {
    llvm::StringRef Argument = Line[I];
    for (llvm::StringRef Flag : {"-I", "-iquote", "-isystem"}) {
      if (!Argument.startswith(Flag))
        continue;
      llvm::StringRef Directory = Argument.drop_front(Flag.size());
      if (Directory.empty() && I + 1 < Line.size())
        Directory = Line[++I];
      llvm::SmallString<256> Absolute(Directory);
      llvm::sys::fs::make_absolute(Command.Directory, Absolute);
      Directories.push_back(std::string(Absolute));
      break;
    }
  }
  return Directories;
}

/// \p Path with `.` and `..` taken out.
std::string normalised(llvm::StringRef Path) {
  llvm::SmallString<256> Result(Path);
  llvm::sys::path::remove_dots(Result, /*remove_dot_dot=*/true);
  return std::string(Result);
}

/// Whether \p Source includes \p Header, directly or not.
bool includes(const std::string &Source, const std::string &Header,
              const std::vector<std::string> &Directories,
              const FileText &Text) {
  std::vector<std::string> Pending{Source};
  std::set<std::string> Seen{Source};
  while (!Pending.empty() && Seen.size() < MaxFilesPerSource) {
    const std::string File = Pending.back();
    Pending.pop_back();
    const std::optional<std::string> Contents = Text(File);
    if (!Contents)
      continue;
    for (const std::string &Name : includedNames(*Contents)) {
      // The including file's directory first, then the search path, as
      // the preprocessor looks for a quoted include.
      std::vector<std::string> Candidates{
          (llvm::sys::path::parent_path(File) + "/" + Name).str()};
      for (const std::string &Directory : Directories)
        Candidates.push_back(Directory + "/" + Name);
      for (const std::string &Candidate : Candidates) {
        const std::string Resolved = normalised(Candidate);
        if (Resolved == Header)
          return true;
        if (llvm::sys::fs::exists(Resolved)) {
          if (Seen.insert(Resolved).second)
            Pending.push_back(Resolved);
          break;
        }
      }
    }
  }
  return false;
}

} // namespace

std::string unitForHeader(const std::string &Header,
                          const clang::tooling::CompilationDatabase &Database,
                          const FileText &Text) {
  const std::string Wanted = normalised(Header);
  const llvm::StringRef Stem = llvm::sys::path::stem(Wanted);
  const llvm::StringRef Directory = llvm::sys::path::parent_path(Wanted);
  const std::vector<std::string> Files = Database.getAllFiles();
  std::string SameStemElsewhere;
  for (const std::string &File : Files) {
    if (llvm::sys::path::stem(File) != Stem || File == Wanted)
      continue;
    if (llvm::sys::path::parent_path(File) == Directory)
      return File;
    if (SameStemElsewhere.empty())
      SameStemElsewhere = File;
  }
  for (const std::string &File : Files) {
    const auto Commands = Database.getCompileCommands(File);
    if (!Commands.empty() &&
        includes(normalised(File), Wanted, includeDirectories(Commands.front()),
                 Text))
      return File;
  }
  return SameStemElsewhere;
}

} // namespace leash
