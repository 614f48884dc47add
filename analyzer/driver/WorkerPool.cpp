//===--- WorkerPool.cpp - Analyse translation units in child processes ----===//

#include "WorkerPool.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <fcntl.h>
#include <map>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>

namespace leash {

namespace {

struct Child {
  size_t Index;
  std::string ResultFile;
  std::string ErrorFile;
};

std::string temporaryFile(llvm::StringRef Suffix) {
  llvm::SmallString<128> Path;
  if (llvm::sys::fs::createTemporaryFile("leash_unit", Suffix, Path))
    return {};
  return std::string(Path);
}

/// The last non-empty line the child wrote to stderr, for a crash report.
std::string lastLine(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path);
  if (!Buffer)
    return {};
  llvm::StringRef Text = (*Buffer)->getBuffer().rtrim();
  return Text.substr(Text.find_last_of('\n') + 1).str();
}

[[noreturn]] void runChild(const std::string &File, const Child &Slot,
                           const AnalyseFunction &Analyse) {
  int ErrorFd = ::open(Slot.ErrorFile.c_str(), O_WRONLY | O_TRUNC);
  if (ErrorFd >= 0) {
    ::dup2(ErrorFd, STDERR_FILENO);
    ::close(ErrorFd);
  }
  TranslationUnitResult Result = Analyse(File);
  bool Explained = llvm::any_of(Result.Findings, [](const Finding &F) {
    return F.Level == Severity::Error;
  });
  if (!Result.Analysed && !Explained) {
    // What the compiler printed outside the diagnostic consumer says why.
    std::fflush(stderr);
    std::string Last = lastLine(Slot.ErrorFile);
    if (!Last.empty())
      Result.FailureReason += ": " + Last;
  }
  {
    std::ofstream Out(Slot.ResultFile, std::ios::trunc);
    Out << nlohmann::json(Result).dump();
    if (!Out.flush())
      ::_exit(101);
  }
  // Skip static destructors: the parent owns everything that outlives us.
  ::_exit(0);
}

TranslationUnitResult collect(const std::string &File, const Child &Slot,
                              int Status) {
  TranslationUnitResult Result;
  Result.File = File;
  if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0) {
    std::ifstream In(Slot.ResultFile);
    auto Parsed =
        nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
    if (!Parsed.is_discarded()) {
      Result = Parsed.get<TranslationUnitResult>();
      return Result;
    }
    Result.FailureReason = "the analysis returned an unreadable result";
  } else if (WIFSIGNALED(Status)) {
    Result.FailureReason = std::string("the analysis crashed (") +
                           strsignal(WTERMSIG(Status)) + ")";
  } else {
    Result.FailureReason = "the analysis stopped with status " +
                           std::to_string(WEXITSTATUS(Status));
  }
  std::string Last = lastLine(Slot.ErrorFile);
  if (!Last.empty())
    Result.FailureReason += ": " + Last;
  return Result;
}

} // namespace

std::vector<TranslationUnitResult>
runInWorkers(const std::vector<std::string> &Files, unsigned Jobs,
             const AnalyseFunction &Analyse, const ProgressFunction &Progress) {
  std::vector<TranslationUnitResult> Results(Files.size());
  std::map<pid_t, Child> Running;
  size_t Next = 0, Done = 0;
  Jobs = std::max(1u, Jobs);

  auto Finish = [&](pid_t Pid, int Status) {
    auto Found = Running.find(Pid);
    if (Found == Running.end())
      return;
    const Child &Slot = Found->second;
    Results[Slot.Index] = collect(Files[Slot.Index], Slot, Status);
    llvm::sys::fs::remove(Slot.ResultFile);
    llvm::sys::fs::remove(Slot.ErrorFile);
    Progress(Results[Slot.Index], ++Done, Files.size());
    Running.erase(Found);
  };

  while (Done < Files.size()) {
    while (Running.size() < Jobs && Next < Files.size()) {
      Child Slot{Next, temporaryFile("json"), temporaryFile("err")};
      std::fflush(nullptr);
      pid_t Pid = ::fork();
      if (Pid == 0)
        runChild(Files[Next], Slot, Analyse);
      if (Pid < 0) {
        // No process to spare: analyse in this one, without isolation.
        Results[Next] = Analyse(Files[Next]);
        Progress(Results[Next], ++Done, Files.size());
        ++Next;
        continue;
      }
      Running.emplace(Pid, std::move(Slot));
      ++Next;
    }
    int Status = 0;
    pid_t Pid = ::waitpid(-1, &Status, 0);
    if (Pid < 0)
      break;
    Finish(Pid, Status);
  }
  return Results;
}

} // namespace leash
