//===--- LspServer.cpp - `leash lsp`, a language server beside clangd -----===//

#include "LspServer.h"

#include "HeaderUnit.h"

#include "CheckCommand.h"
#include "CompileCommandAdjuster.h"
#include "LspProtocol.h"
#include "RunReport.h"
#include "TranslationUnitAnalysis.h"
#include "WorkerPool.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/VirtualFileSystem.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <unistd.h>

namespace leash {

using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;

/// The extensions of sources, which are units of their own.
constexpr llvm::StringLiteral SourceExtensions[] = {".cpp", ".cc", ".cxx",
                                                    ".c++", ".C",  ".c"};

/// The member \p Key of \p J when J is an object that has it, else null:
/// the build has no exceptions, so a malformed message must never reach
/// nlohmann's throwing accessors.
const json *member(const json &J, const char *Key) {
  if (!J.is_object())
    return nullptr;
  auto Found = J.find(Key);
  return Found == J.end() ? nullptr : &*Found;
}

std::string stringMember(const json &J, const char *Key) {
  const json *M = member(J, Key);
  return M && M->is_string() ? M->get<std::string>() : std::string();
}

void log(const llvm::Twine &What) {
  llvm::errs() << "leash lsp: " << What << '\n';
  llvm::errs().flush();
}

/// An open file: the editor's text and a generation that every change
/// bumps, so that an analysis of an older text is recognised as stale.
struct Document {
  std::string Uri;
  std::string Text;
  uint64_t Generation = 0;
};

/// What was last published for a file: each diagnostic with its quick fix
/// (a WorkspaceEdit, or null).
struct Published {
  std::vector<std::pair<json, json>> Diagnostics;
};

class Server {
public:
  Server(const LspOptions &Options, MessageReader &Reader,
         MessageWriter &Writer)
      : Options(Options), Reader(Reader), Writer(Writer),
        Adjuster(queryGlobs(Options.QueryDrivers), Options.ResourceDir) {}

  int run();

private:
  static std::vector<llvm::GlobPattern>
  queryGlobs(const std::vector<std::string> &Patterns) {
    std::vector<llvm::GlobPattern> Globs;
    for (const std::string &Pattern : Patterns)
      if (auto Glob = llvm::GlobPattern::create(Pattern))
        Globs.push_back(std::move(*Glob));
      else
        log("ignoring bad --query-driver glob '" + Pattern +
            "': " + llvm::toString(Glob.takeError()));
    return Globs;
  }

  void handle(const json &Message);
  void handleRequest(const json &Id, const std::string &Method,
                     const json &Params);
  void handleNotification(const std::string &Method, const json &Params);
  void reply(const json &Id, json Result) {
    Writer.write(
        {{"jsonrpc", "2.0"}, {"id", Id}, {"result", std::move(Result)}});
  }
  void replyError(const json &Id, int Code, const std::string &Message) {
    Writer.write({{"jsonrpc", "2.0"},
                  {"id", Id},
                  {"error", {{"code", Code}, {"message", Message}}}});
  }
  void notify(const std::string &Method, json Params) {
    Writer.write({{"jsonrpc", "2.0"},
                  {"method", Method},
                  {"params", std::move(Params)}});
  }
  /// window/showMessage, at most once for each text.
  void showMessageOnce(int Type, const std::string &Text);

  json codeActions(const json &Params);
  void changed(const std::string &Uri, std::optional<std::string> Text);
  void closed(const std::string &Uri);

  void analysisLoop();
  void analyse(const std::string &Path);
  /// The database for \p Path, or why there is none.
  llvm::Expected<std::shared_ptr<clang::tooling::CompilationDatabase>>
  databaseFor(const std::string &Path, std::string &Directory);

  const LspOptions &Options;
  MessageReader &Reader;
  MessageWriter &Writer;
  bool Initialized = false, ShutdownRequested = false;

  // Shared between the reader and the analysis thread, under Lock.
  std::mutex Lock;
  std::condition_variable Wake;
  bool Stopping = false;
  uint64_t NextGeneration = 1;
  /// By canonical path.
  std::map<std::string, Document> Documents;
  /// Files to analyse, and when (the debounce deadline).
  std::map<std::string, Clock::time_point> Due;
  std::map<std::string, Published> Results;
  std::set<std::string> MessagesShown;

  // The analysis thread's own.
  CompileCommandAdjuster Adjuster;
  struct LoadedDatabase {
    std::shared_ptr<clang::tooling::CompilationDatabase> Database;
    llvm::sys::TimePoint<> Modified;
  };
  /// By directory.
  std::map<std::string, LoadedDatabase> Databases;
};

void Server::showMessageOnce(int Type, const std::string &Text) {
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (!MessagesShown.insert(Text).second)
      return;
  }
  log(Text);
  notify("window/showMessage", {{"type", Type}, {"message", Text}});
}

int Server::run() {
  std::thread Analysis([this] { analysisLoop(); });
  bool Exited = false;
  while (std::optional<std::string> Body = Reader.read()) {
    json Message = json::parse(*Body, nullptr, /*allow_exceptions=*/false);
    if (Message.is_discarded()) {
      log("a message that is not JSON");
      replyError(nullptr, ParseError, "the message is not valid JSON");
      continue;
    }
    if (stringMember(Message, "method") == "exit") {
      Exited = true;
      break;
    }
    handle(Message);
  }
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Stopping = true;
  }
  Wake.notify_all();
  Analysis.join();
  if (!Exited)
    log("the client closed the connection without 'exit'");
  return Exited && ShutdownRequested ? 0 : 1;
}

void Server::handle(const json &Message) {
  const json *Method = member(Message, "method");
  const json *Id = member(Message, "id");
  if (!Method || !Method->is_string()) {
    // A response to a request of ours (we make none), or nonsense.
    if (!member(Message, "result") && !member(Message, "error"))
      replyError(Id ? *Id : json(nullptr), InvalidRequest,
                 "not a JSON-RPC request or notification");
    return;
  }
  const json *Params = member(Message, "params");
  static const json Empty = json::object();
  if (Id)
    handleRequest(*Id, Method->get<std::string>(), Params ? *Params : Empty);
  else
    handleNotification(Method->get<std::string>(), Params ? *Params : Empty);
}

void Server::handleRequest(const json &Id, const std::string &Method,
                           const json &Params) {
  if (Method == "initialize") {
    Initialized = true;
    reply(Id,
          {{"capabilities",
            {{"textDocumentSync",
              {{"openClose", true},
               {"change", 1}, // Full text on every change.
               {"save", {{"includeText", false}}}}},
             {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}}}},
           {"serverInfo", {{"name", "leash"}, {"version", Options.Version}}}});
    return;
  }
  if (!Initialized) {
    replyError(Id, ServerNotInitialized, "'initialize' comes first");
    return;
  }
  if (ShutdownRequested) {
    replyError(Id, InvalidRequest, "the server is shutting down");
    return;
  }
  if (Method == "shutdown") {
    ShutdownRequested = true;
    reply(Id, nullptr);
    return;
  }
  if (Method == "textDocument/codeAction") {
    reply(Id, codeActions(Params));
    return;
  }
  replyError(Id, MethodNotFound, "leash does not serve '" + Method + "'");
}

void Server::handleNotification(const std::string &Method, const json &Params) {
  if (!Initialized)
    return; // Dropped, as the protocol says, except 'exit'.
  const json *Document = member(Params, "textDocument");
  std::string Uri = Document ? stringMember(*Document, "uri") : "";
  if (llvm::StringRef(Method).startswith("textDocument/did") && Uri.empty()) {
    log("'" + Method + "' without a textDocument.uri; ignored");
    return;
  }
  if (Method == "textDocument/didOpen") {
    changed(Uri, stringMember(*Document, "text"));
  } else if (Method == "textDocument/didChange") {
    // Full synchronisation: the last change holds the whole text. A change
    // with a range would be a client ignoring the capability.
    const json *Changes = member(Params, "contentChanges");
    if (!Changes || !Changes->is_array() || Changes->empty() ||
        member(Changes->back(), "range")) {
      log("'" + Method + "' without a full text; ignored");
      return;
    }
    changed(Uri, stringMember(Changes->back(), "text"));
  } else if (Method == "textDocument/didSave") {
    changed(Uri, std::nullopt);
  } else if (Method == "textDocument/didClose") {
    closed(Uri);
  }
  // Other notifications ('initialized', '$/cancelRequest', ...) need nothing.
}

/// Whether \p Path is a header, not a source of a unit: anything but the
/// source extensions.
bool isHeader(llvm::StringRef Path) {
  return !llvm::is_contained(SourceExtensions,
                             llvm::sys::path::extension(Path));
}

void Server::changed(const std::string &Uri, std::optional<std::string> Text) {
  if (Uri.empty())
    return;
  std::string Path = canonicalPath(uriToPath(Uri), "");
  {
    std::lock_guard<std::mutex> Guard(Lock);
    auto [Entry, Inserted] = Documents.try_emplace(Path);
    if (Inserted && !Text)
      return; // A save of a file that is not open.
    Entry->second.Uri = Uri;
    if (Text)
      Entry->second.Text = std::move(*Text);
    Entry->second.Generation = NextGeneration++;
    const Clock::time_point When =
        Clock::now() + std::chrono::milliseconds(Options.DebounceMilliseconds);
    Due[Path] = When;
    // A header's text is part of the open sources that include it. Which
    // ones do is not tracked: every open file is analysed again.
    if (isHeader(Path))
      for (const auto &Open : Documents)
        Due.try_emplace(Open.first, When);
  }
  Wake.notify_all();
}

void Server::closed(const std::string &Uri) {
  std::string Path = canonicalPath(uriToPath(Uri), "");
  {
    std::lock_guard<std::mutex> Guard(Lock);
    Documents.erase(Path);
    Due.erase(Path);
    Results.erase(Path);
  }
  // The file's findings leave the editor with it.
  notify("textDocument/publishDiagnostics",
         {{"uri", Uri}, {"diagnostics", json::array()}});
}

json Server::codeActions(const json &Params) {
  const json *Document = member(Params, "textDocument");
  std::string Path = canonicalPath(
      uriToPath(Document ? stringMember(*Document, "uri") : ""), "");
  const json *Range = member(Params, "range");
  auto lineOf = [](const json *Range, const char *End) {
    const json *Position = Range ? member(*Range, End) : nullptr;
    const json *Line = Position ? member(*Position, "line") : nullptr;
    return Line && Line->is_number_integer() ? Line->get<int64_t>() : -1;
  };
  int64_t First = lineOf(Range, "start"), Last = lineOf(Range, "end");
  json Actions = json::array();
  std::lock_guard<std::mutex> Guard(Lock);
  auto Found = Results.find(Path);
  if (Found == Results.end())
    return Actions;
  for (const auto &[Diagnostic, Edit] : Found->second.Diagnostics) {
    if (Edit.is_null())
      continue;
    int64_t Start = Diagnostic["range"]["start"]["line"].get<int64_t>();
    int64_t End = Diagnostic["range"]["end"]["line"].get<int64_t>();
    if (First >= 0 && (End < First || Start > Last))
      continue;
    Actions.push_back({{"title", "Apply leash's fix: " +
                                     Diagnostic.value("code", std::string())},
                       {"kind", "quickfix"},
                       {"isPreferred", true},
                       {"diagnostics", {Diagnostic}},
                       {"edit", Edit}});
  }
  return Actions;
}

llvm::Expected<std::shared_ptr<clang::tooling::CompilationDatabase>>
Server::databaseFor(const std::string &Path, std::string &Directory) {
  // As clangd: the file's directory and its parents, and build/ under each.
  std::vector<std::string> Candidates;
  if (!Options.CompileCommandsDirectory.empty()) {
    Candidates.push_back(Options.CompileCommandsDirectory);
  } else {
    for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      llvm::SmallString<256> Build(Dir);
      llvm::sys::path::append(Build, "build");
      for (llvm::StringRef Candidate : {Dir, llvm::StringRef(Build)}) {
        llvm::SmallString<256> File(Candidate);
        llvm::sys::path::append(File, "compile_commands.json");
        if (llvm::sys::fs::exists(File)) {
          Candidates.push_back(Candidate.str());
          break;
        }
      }
      if (!Candidates.empty())
        break;
    }
  }
  if (Candidates.empty())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "no compile_commands.json in the directory of '" + Path +
            "', its parents or a build/ directory under them; configure the "
            "build with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON or start leash "
            "lsp with --compile-commands-dir");
  Directory = Candidates.front();
  // Read again when the build rewrites it (a file added, a flag changed).
  llvm::SmallString<256> File(Directory);
  llvm::sys::path::append(File, "compile_commands.json");
  llvm::sys::fs::file_status Status;
  llvm::sys::TimePoint<> Modified;
  if (!llvm::sys::fs::status(File, Status))
    Modified = Status.getLastModificationTime();
  auto Cached = Databases.find(Directory);
  if (Cached != Databases.end() && Cached->second.Modified == Modified)
    return Cached->second.Database;
  auto Loaded = loadDatabase(Directory);
  if (!Loaded)
    return Loaded.takeError();
  std::shared_ptr<clang::tooling::CompilationDatabase> Database =
      std::move(*Loaded);
  Databases[Directory] = {Database, Modified};
  return Database;
}

void Server::analysisLoop() {
  std::unique_lock<std::mutex> Guard(Lock);
  for (;;) {
    if (Stopping)
      return;
    if (Due.empty()) {
      Wake.wait(Guard);
      continue;
    }
    auto Next = std::min_element(
        Due.begin(), Due.end(),
        [](const auto &A, const auto &B) { return A.second < B.second; });
    if (Next->second > Clock::now()) {
      Wake.wait_until(Guard, Next->second);
      continue;
    }
    std::string Path = Next->first;
    Due.erase(Next);
    Guard.unlock();
    analyse(Path);
    Guard.lock();
  }
}

void Server::analyse(const std::string &Path) {
  // A snapshot of every open file: the unit sees the unsaved text of its
  // headers too.
  std::map<std::string, Document> Snapshot;
  {
    std::lock_guard<std::mutex> Guard(Lock);
    if (!Documents.count(Path))
      return;
    Snapshot = Documents;
  }
  const Document &Target = Snapshot.at(Path);

  std::map<std::string, std::vector<std::string>> DiskLines;
  LineSource Lines = [&](const std::string &File, unsigned Line) {
    auto [Entry, Inserted] = DiskLines.try_emplace(File);
    if (Inserted) {
      std::string Text;
      if (auto Open = Snapshot.find(File); Open != Snapshot.end())
        Text = Open->second.Text;
      else if (auto Buffer = llvm::MemoryBuffer::getFile(File))
        Text = (*Buffer)->getBuffer().str();
      llvm::SmallVector<llvm::StringRef> Split;
      llvm::StringRef(Text).split(Split, '\n');
      for (llvm::StringRef L : Split)
        Entry->second.push_back(L.str());
    }
    return Line && Line <= Entry->second.size() ? Entry->second[Line - 1]
                                                : std::string();
  };

  std::vector<std::pair<json, json>> Diagnostics;
  auto atTop = [&](const std::string &Message, int Severity) {
    json D = {{"range",
               {{"start", {{"line", 0}, {"character", 0}}},
                {"end", {{"line", 0}, {"character", 0}}}}},
              {"severity", Severity},
              {"source", "leash"},
              {"message", Message}};
    Diagnostics.push_back({D, nullptr});
  };

  [&] {
    std::string Directory;
    auto Database = databaseFor(Path, Directory);
    if (!Database) {
      std::string Why = llvm::toString(Database.takeError());
      showMessageOnce(1, "leash: " + Why);
      atTop("leash cannot analyse this file: " + Why, 3);
      return;
    }
    std::string Unit = Path;
    if ((*Database)->getCompileCommands(Unit).empty()) {
      Unit = unitForHeader(
          Path, **Database,
          [&Snapshot](const std::string &File) -> std::optional<std::string> {
            if (auto Open = Snapshot.find(File); Open != Snapshot.end())
              return Open->second.Text;
            if (auto Buffer = llvm::MemoryBuffer::getFile(File))
              return (*Buffer)->getBuffer().str();
            return std::nullopt;
          });
      if (Unit.empty()) {
        atTop("leash: this file is not in the compile database of '" +
                  Directory +
                  "' (and is not a header that a source there includes); "
                  "it is not analysed",
              3);
        return;
      }
    }
    clang::tooling::CompileCommand Command =
        (*Database)->getCompileCommands(Unit).front();
    auto Arguments = Adjuster.adjust(Command);
    if (!Arguments) {
      atTop("leash could not analyse '" + Unit +
                "': " + llvm::toString(Arguments.takeError()),
            1);
      return;
    }
    CheckSelection Selection;
    Selection.Checks = Options.Checks;
    auto Configuration = makeOptionsProvider(Selection);
    if (!Configuration) {
      atTop("leash: " + llvm::toString(Configuration.takeError()), 1);
      return;
    }
    Command.CommandLine =
        withExtraArguments(std::move(*Arguments), CheckRequest(),
                           (*Configuration)->getOptions(Unit));
    AdjustedDatabase Adjusted;
    Adjusted.add(Command);

    llvm::IntrusiveRefCntPtr<llvm::vfs::InMemoryFileSystem> Memory(
        new llvm::vfs::InMemoryFileSystem);
    for (const auto &[File, Open] : Snapshot)
      Memory->addFile(File, 0, llvm::MemoryBuffer::getMemBufferCopy(Open.Text));
    llvm::IntrusiveRefCntPtr<llvm::vfs::OverlayFileSystem> Overlay(
        new llvm::vfs::OverlayFileSystem(llvm::vfs::getRealFileSystem()));
    Overlay->pushOverlay(Memory);

    // In a child process, as `leash check` runs every unit: a check that
    // crashes fails this analysis, not the server.
    std::vector<TranslationUnitResult> Results = runInWorkers(
        {Adjusted.getAllFiles().front()}, 1,
        [&](const std::string &File) {
          return analyseTranslationUnit(Adjusted, File, Selection, Overlay);
        },
        [](const TranslationUnitResult &, size_t, size_t) {});
    const TranslationUnitResult &Result = Results.front();
    if (!Result.Analysed) {
      atTop("leash could not analyse '" + Unit + "': " + Result.FailureReason,
            1);
      return;
    }
    for (const Finding &F : Result.Findings) {
      if (F.Where.File != Path)
        continue;
      json Edit = nullptr;
      if (!F.Fixes.empty()) {
        json Changes = json::object();
        for (const FixIt &Fix : F.Fixes) {
          std::string FixUri =
              Fix.Begin.File == Path ? Target.Uri : pathToUri(Fix.Begin.File);
          Changes[FixUri].push_back({{"range",
                                      {{"start", lspPosition(Fix.Begin, Lines)},
                                       {"end", lspPosition(Fix.End, Lines)}}},
                                     {"newText", Fix.Replacement}});
        }
        Edit = {{"changes", std::move(Changes)}};
      }
      Diagnostics.push_back({lspDiagnostic(F, Lines, Options.RuleBase), Edit});
    }
  }();

  json List = json::array();
  for (const auto &Entry : Diagnostics)
    List.push_back(Entry.first);
  std::lock_guard<std::mutex> Guard(Lock);
  // A newer text supersedes this analysis: its own will publish.
  auto Current = Documents.find(Path);
  if (Current == Documents.end() ||
      Current->second.Generation != Target.Generation)
    return;
  Results[Path].Diagnostics = std::move(Diagnostics);
  // Under the lock, so that a close cannot slip in between.
  notify("textDocument/publishDiagnostics",
         {{"uri", Target.Uri}, {"diagnostics", std::move(List)}});
}

} // namespace

int runLsp(const LspOptions &Options) {
  // The protocol owns stdout: anything else that writes there (a compiler
  // message, a library) goes to stderr instead.
  int Protocol = ::dup(STDOUT_FILENO);
  ::dup2(STDERR_FILENO, STDOUT_FILENO);
  MessageReader Reader(STDIN_FILENO);
  MessageWriter Writer(Protocol);
  Server S(Options, Reader, Writer);
  return S.run();
}

} // namespace leash
