//===--- WorkerPool.cpp - Analyse translation units in child processes ----===//

#include "WorkerPool.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <optional>

namespace leash {

namespace {

/// One worker: a forked child that analyses the units the parent sends it,
/// one at a time, until the parent closes its channel. A worker serves many
/// units, so the cost of a fresh process -- the fork, and the page faults of
/// an address space that the analysis touches for the first time -- is paid
/// once per worker, not once per unit (it was a tenth of the run's CPU
/// time, all of it system time). A unit that crashes its worker fails alone:
/// the worker is replaced and the next unit goes to the new one.
struct Worker {
  /// The child, or -1 when none runs.
  pid_t Pid = -1;
  /// The parent's end of the channel: unit indices go out, one byte per
  /// finished unit comes back.
  int Channel = -1;
  /// Where the worker writes each unit's result, as JSON.
  std::string ResultFile;
  /// The worker's stderr, emptied before each unit: its last line explains
  /// a failure.
  std::string ErrorFile;
  /// The unit it is analysing.
  std::optional<size_t> Unit;
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

/// Reads exactly \p Size bytes; false at the end of the stream or on error.
bool readAll(int Fd, void *Data, size_t Size) {
  auto *Bytes = static_cast<char *>(Data);
  while (Size > 0) {
    ssize_t Read = ::read(Fd, Bytes, Size);
    if (Read < 0 && errno == EINTR)
      continue;
    if (Read <= 0)
      return false;
    Bytes += Read;
    Size -= static_cast<size_t>(Read);
  }
  return true;
}

/// Analyses \p File in the worker and leaves its result in the result file.
void analyseOne(const std::string &File, const Worker &Self,
                const AnalyseFunction &Analyse) {
  // This unit's stderr only.
  std::fflush(stderr);
  if (::ftruncate(STDERR_FILENO, 0) == 0)
    ::lseek(STDERR_FILENO, 0, SEEK_SET);
  TranslationUnitResult Result = Analyse(File);
  bool Explained = llvm::any_of(Result.Findings, [](const Finding &F) {
    return F.Level == Severity::Error;
  });
  if (!Result.Analysed && !Explained) {
    // What the compiler printed outside the diagnostic consumer says why.
    std::fflush(stderr);
    std::string Last = lastLine(Self.ErrorFile);
    if (!Last.empty())
      Result.FailureReason += ": " + Last;
  }
  std::ofstream Out(Self.ResultFile, std::ios::trunc);
  Out << nlohmann::json(Result).dump();
  if (!Out.flush())
    ::_exit(101);
}

/// The worker's loop: a unit index in, its result file written, one byte
/// out; until the parent closes the channel.
[[noreturn]] void serve(const std::vector<std::string> &Files, int Channel,
                        const Worker &Self, const AnalyseFunction &Analyse) {
  int ErrorFd = ::open(Self.ErrorFile.c_str(), O_WRONLY | O_TRUNC);
  if (ErrorFd >= 0) {
    ::dup2(ErrorFd, STDERR_FILENO);
    ::close(ErrorFd);
  }
  uint64_t Index = 0;
  while (readAll(Channel, &Index, sizeof Index) && Index < Files.size()) {
    analyseOne(Files[Index], Self, Analyse);
    const char Finished = 1;
    if (::send(Channel, &Finished, 1, MSG_NOSIGNAL) != 1)
      break;
  }
  // Skip static destructors: the parent owns everything that outlives us.
  ::_exit(0);
}

/// The result the worker left for \p File.
TranslationUnitResult readResult(const std::string &File, const Worker &Self) {
  std::ifstream In(Self.ResultFile);
  auto Parsed = nlohmann::json::parse(In, nullptr, /*allow_exceptions=*/false);
  if (!Parsed.is_discarded())
    return Parsed.get<TranslationUnitResult>();
  TranslationUnitResult Result;
  Result.File = File;
  Result.FailureReason = "the analysis returned an unreadable result";
  return Result;
}

/// The result of \p File, whose worker ended with \p Status while
/// analysing it.
TranslationUnitResult workerEnded(const std::string &File, const Worker &Self,
                                  int Status) {
  TranslationUnitResult Result;
  Result.File = File;
  if (WIFSIGNALED(Status))
    Result.FailureReason = std::string("the analysis crashed (") +
                           strsignal(WTERMSIG(Status)) + ")";
  else
    Result.FailureReason = "the analysis stopped with status " +
                           std::to_string(WEXITSTATUS(Status));
  std::string Last = lastLine(Self.ErrorFile);
  if (!Last.empty())
    Result.FailureReason += ": " + Last;
  return Result;
}

/// Closes the parent's end of \p Self's channel and waits for the child;
/// returns its status.
int stop(Worker &Self) {
  if (Self.Channel >= 0)
    ::close(Self.Channel);
  Self.Channel = -1;
  int Status = 0;
  if (Self.Pid > 0)
    while (::waitpid(Self.Pid, &Status, 0) < 0 && errno == EINTR) {
    }
  Self.Pid = -1;
  return Status;
}

} // namespace

std::vector<TranslationUnitResult>
runInWorkers(const std::vector<std::string> &Files, unsigned Jobs,
             const AnalyseFunction &Analyse, const ProgressFunction &Progress) {
  std::vector<TranslationUnitResult> Results(Files.size());
  std::vector<Worker> Workers(
      std::max<size_t>(1, std::min<size_t>(std::max(1u, Jobs), Files.size())));
  for (Worker &Self : Workers) {
    Self.ResultFile = temporaryFile("json");
    Self.ErrorFile = temporaryFile("err");
  }
  size_t Next = 0, Done = 0;

  auto Finished = [&](size_t Index, TranslationUnitResult Result) {
    Results[Index] = std::move(Result);
    Progress(Results[Index], ++Done, Files.size());
  };

  // Starts a worker in \p Self; false when no process can be made.
  auto Start = [&](Worker &Self) {
    int Ends[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, Ends) != 0)
      return false;
    std::fflush(nullptr);
    pid_t Pid = ::fork();
    if (Pid == 0) {
      ::close(Ends[0]);
      // The other workers' channels are theirs: a copy here would keep
      // them open after the parent closes them.
      for (const Worker &Other : Workers)
        if (Other.Channel >= 0)
          ::close(Other.Channel);
      serve(Files, Ends[1], Self, Analyse);
    }
    ::close(Ends[1]);
    if (Pid < 0) {
      ::close(Ends[0]);
      return false;
    }
    Self.Pid = Pid;
    Self.Channel = Ends[0];
    return true;
  };

  // Gives \p Self the next unit, starting it first if need be; false when
  // there is none left.
  auto Assign = [&](Worker &Self) {
    while (Next < Files.size()) {
      size_t Index = Next++;
      if (Self.Pid < 0 && !Start(Self)) {
        // No process to spare: analyse in this one, without isolation.
        Finished(Index, Analyse(Files[Index]));
        continue;
      }
      uint64_t Request = Index;
      if (::send(Self.Channel, &Request, sizeof Request, MSG_NOSIGNAL) ==
          static_cast<ssize_t>(sizeof Request)) {
        Self.Unit = Index;
        return true;
      }
      // The worker is gone (between two units: nothing of it is lost).
      stop(Self);
      --Next;
    }
    return false;
  };

  for (Worker &Self : Workers)
    Assign(Self);
  while (Done < Files.size()) {
    std::vector<pollfd> Waiting;
    std::vector<Worker *> Owners;
    for (Worker &Self : Workers)
      if (Self.Unit) {
        Waiting.push_back({Self.Channel, POLLIN, 0});
        Owners.push_back(&Self);
      }
    if (Waiting.empty())
      break;
    if (::poll(Waiting.data(), Waiting.size(), -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    for (size_t Slot = 0; Slot < Waiting.size(); ++Slot) {
      if (Waiting[Slot].revents == 0)
        continue;
      Worker &Self = *Owners[Slot];
      size_t Index = *Self.Unit;
      Self.Unit.reset();
      char Byte = 0;
      if (readAll(Self.Channel, &Byte, 1)) {
        Finished(Index, readResult(Files[Index], Self));
      } else {
        // It died on this unit: the unit fails alone, a new worker takes
        // the next one.
        int Status = stop(Self);
        Finished(Index, workerEnded(Files[Index], Self, Status));
      }
      Assign(Self);
    }
  }
  for (Worker &Self : Workers) {
    stop(Self);
    llvm::sys::fs::remove(Self.ResultFile);
    llvm::sys::fs::remove(Self.ErrorFile);
  }
  return Results;
}

} // namespace leash
