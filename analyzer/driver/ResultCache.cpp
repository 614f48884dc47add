//===--- ResultCache.cpp - Results of unchanged units, kept between runs --===//

#include "ResultCache.h"

#include "clang-tidy/ClangTidy.h"
#include "clang-tidy/ClangTidyOptions.h"
#include "clang/Basic/Version.h"
#include "clang/Tooling/ArgumentsAdjusters.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningService.h"
#include "clang/Tooling/DependencyScanning/DependencyScanningTool.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/BLAKE3.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ThreadPool.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#ifndef LEASH_VERSION
#error "the build must define LEASH_VERSION"
#endif

namespace leash {

namespace {

constexpr llvm::StringLiteral EntryMagic = "leash-cache-entry";

std::string hex(const llvm::BLAKE3Result<> &Digest) {
  return llvm::toHex(Digest, /*LowerCase=*/true);
}

/// Adds \p Text to \p Hasher with its length first, so that no two lists
/// of strings feed the same bytes.
void addField(llvm::BLAKE3 &Hasher, llvm::StringRef Text) {
  uint64_t Size = Text.size();
  Hasher.update(llvm::ArrayRef<uint8_t>(
      reinterpret_cast<const uint8_t *>(&Size), sizeof(Size)));
  Hasher.update(Text);
}

/// BLAKE3 of the file at \p Path, or "missing".
std::string fileDigest(llvm::StringRef Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return "missing";
  return hex(
      llvm::BLAKE3::hash(llvm::arrayRefFromStringRef((*Buffer)->getBuffer())));
}

} // namespace

std::string leashIdentity(const std::vector<std::string> &LoadedModules) {
  llvm::BLAKE3 Hasher;
  addField(Hasher, LEASH_VERSION);
  addField(Hasher, clang::getClangFullVersion());
  addField(Hasher, fileDigest(llvm::sys::fs::getMainExecutable(
                       nullptr, reinterpret_cast<void *>(&leashIdentity))));
  for (const std::string &Module : LoadedModules)
    addField(Hasher, fileDigest(Module));
  return hex(Hasher.final());
}

ResultCache::ResultCache(std::string Directory, std::string Identity)
    : Directory(std::move(Directory)), Identity(std::move(Identity)) {}

std::map<std::string, std::string>
ResultCache::keys(const AdjustedDatabase &Database,
                  const std::vector<std::string> &Files,
                  const CheckSelection &Selection, unsigned Jobs) const {
  using namespace clang::tooling::dependencies;
  // Directives only: each header is scanned for #include and #if once in
  // the run (the service's cache is shared by every thread), however many
  // units include it, which is what makes a run over an unchanged tree
  // cheap.
  DependencyScanningService Service(ScanningMode::DependencyDirectivesScan,
                                    ScanningOutputFormat::Full);
  std::vector<std::optional<std::string>> Found(Files.size());
  // Each thread has its own scanner, configuration and digests (none of
  // them is shared safely) over its own stretch of the units.
  auto KeyStretch = [&](size_t Begin, size_t End) {
    auto Provider = makeOptionsProvider(Selection);
    if (!Provider) {
      llvm::consumeError(Provider.takeError());
      return;
    }
    DependencyScanningTool Scanner(Service);
    llvm::StringSet<> NoModulesSeen;
    auto NoModuleOutput = [](const ModuleID &, ModuleOutputKind) {
      return std::string();
    };
    const clang::tooling::ArgumentsAdjuster SyntaxOnly =
        clang::tooling::getClangSyntaxOnlyAdjuster();
    const clang::tooling::ArgumentsAdjuster StripOutput =
        clang::tooling::getClangStripOutputAdjuster();
    std::map<std::string, std::string> EnabledChecks;
    llvm::StringMap<std::string> FileDigests;
    // The checks of each folder's configuration: a header's findings are
    // kept only for the rules its own folder enables.
    llvm::StringMap<std::string> FolderChecks;
    for (size_t I = Begin; I < End; ++I) {
      const std::string &File = Files[I];
      std::vector<clang::tooling::CompileCommand> Commands =
          Database.getCompileCommands(File);
      if (Commands.empty())
        continue;
      const clang::tooling::CompileCommand &Command = Commands.front();
      // As the analysis parses: syntax only, without an output (a command
      // that also links, with -flto for a bare-metal target, is refused by
      // the driver otherwise), and with the static analyzer's macro
      // (TranslationUnitAnalysis.cpp), so that the same #if branches count.
      std::vector<std::string> ScanCommand = SyntaxOnly(
          StripOutput(Command.CommandLine, Command.Filename), Command.Filename);
      ScanCommand.push_back("-D__clang_analyzer__=1");
      auto Scanned = Scanner.getFullDependencies(ScanCommand, Command.Directory,
                                                 NoModulesSeen, NoModuleOutput);
      if (!Scanned) {
        // A unit that does not preprocess is analysed, and not kept.
        llvm::consumeError(Scanned.takeError());
        continue;
      }

      clang::tidy::ClangTidyOptions Options = (*Provider)->getOptions(File);
      std::string Configuration = clang::tidy::configurationAsText(Options);
      auto [Enabled, Inserted] = EnabledChecks.try_emplace(Configuration);
      if (Inserted)
        Enabled->second = llvm::join(
            clang::tidy::getCheckNames(
                Options, /*AllowEnablingAnalyzerAlphaCheckers=*/false),
            ",");

      llvm::BLAKE3 Hasher;
      addField(Hasher, EntryMagic);
      addField(Hasher, std::to_string(FormatVersion));
      addField(Hasher, Identity);
      addField(Hasher, Command.Directory);
      addField(Hasher, Command.Filename);
      addField(Hasher, std::to_string(Command.CommandLine.size()));
      for (const std::string &Argument : Command.CommandLine)
        addField(Hasher, Argument);
      addField(Hasher, Configuration);
      addField(Hasher, Enabled->second);
      addField(Hasher,
               Selection.UnsafeInventory ? "inventory" : "no inventory");
      // The name says where findings would be; the text what they would be.
      const std::vector<std::string> &Inputs = Scanned->FullDeps.FileDeps;
      addField(Hasher, std::to_string(Inputs.size()));
      for (const std::string &Input : Inputs) {
        auto [Digest, New] = FileDigests.try_emplace(Input);
        if (New)
          Digest->second = fileDigest(Input);
        addField(Hasher, Input);
        addField(Hasher, Digest->second);
        auto [Checks, Read] =
            FolderChecks.try_emplace(llvm::sys::path::parent_path(Input));
        if (Read)
          Checks->second = (*Provider)->getOptions(Input).Checks.value_or("");
        addField(Hasher, Checks->second);
      }
      Found[I] = hex(Hasher.final());
    }
  };
  size_t Threads = std::max<size_t>(1, std::min<size_t>(Jobs, Files.size()));
  if (Threads == 1) {
    KeyStretch(0, Files.size());
  } else {
    llvm::ThreadPool Pool(llvm::hardware_concurrency(Threads));
    size_t Stretch = (Files.size() + Threads - 1) / Threads;
    for (size_t Begin = 0; Begin < Files.size(); Begin += Stretch)
      Pool.async(KeyStretch, Begin, std::min(Files.size(), Begin + Stretch));
    Pool.wait();
  }
  std::map<std::string, std::string> Keys;
  for (size_t I = 0; I < Files.size(); ++I)
    if (Found[I])
      Keys[Files[I]] = std::move(*Found[I]);
  return Keys;
}

std::string ResultCache::entryPath(const std::string &Key) const {
  llvm::SmallString<256> Path(Directory);
  llvm::sys::path::append(Path, llvm::StringRef(Key).take_front(2), Key);
  return std::string(Path);
}

std::optional<TranslationUnitResult>
ResultCache::lookup(const std::string &Key, const std::string &File) const {
  auto Buffer = llvm::MemoryBuffer::getFile(entryPath(Key));
  if (!Buffer)
    return std::nullopt;
  auto [Header, Payload] = (*Buffer)->getBuffer().split('\n');
  llvm::SmallVector<llvm::StringRef, 4> Fields;
  Header.split(Fields, ' ');
  if (Fields.size() != 4 || Fields[0] != EntryMagic ||
      Fields[1] != std::to_string(FormatVersion) || Fields[2] != Key ||
      Fields[3] !=
          hex(llvm::BLAKE3::hash(llvm::arrayRefFromStringRef(Payload))))
    return std::nullopt;
  nlohmann::json Json =
      nlohmann::json::parse(Payload, nullptr, /*allow_exceptions=*/false);
  // The checksum holds, so the text is what store() wrote; these checks
  // only guard against reading through a type that is not there.
  if (!Json.is_object() || !Json.contains("file") ||
      !Json["file"].is_string() || Json["file"] != File ||
      !Json.contains("analysed") || Json["analysed"] != true)
    return std::nullopt;
  TranslationUnitResult Result = Json.get<TranslationUnitResult>();
  Result.FromCache = true;
  return Result;
}

bool ResultCache::store(const std::string &Key,
                        const TranslationUnitResult &Result) const {
  std::string Path = entryPath(Key);
  if (llvm::sys::fs::create_directories(llvm::sys::path::parent_path(Path)))
    return false;
  TranslationUnitResult Kept = Result;
  Kept.FromCache = false;
  std::string Payload = nlohmann::json(Kept).dump();
  std::string Header =
      (EntryMagic + " " + std::to_string(FormatVersion) + " " + Key + " " +
       hex(llvm::BLAKE3::hash(llvm::arrayRefFromStringRef(Payload))))
          .str();
  int FD;
  llvm::SmallString<256> Temporary;
  if (llvm::sys::fs::createUniqueFile(Path + ".tmp-%%%%%%%%", FD, Temporary))
    return false;
  {
    llvm::raw_fd_ostream Out(FD, /*shouldClose=*/true);
    Out << Header << '\n' << Payload;
    Out.close();
    if (Out.has_error()) {
      Out.clear_error();
      llvm::sys::fs::remove(Temporary);
      return false;
    }
  }
  // A reader sees the old entry or the new one, never a part of either.
  if (llvm::sys::fs::rename(Temporary, Path)) {
    llvm::sys::fs::remove(Temporary);
    return false;
  }
  return true;
}

} // namespace leash
