//===--- LenientConfiguration.cpp - .clang-tidy files from newer versions ===//

#include "LenientConfiguration.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/VirtualFileSystem.h"

#include <optional>

namespace leash {
namespace {

/// The key that an "unknown key 'X'" diagnostic names, if it is one.
std::optional<std::string> unknownKey(llvm::StringRef Message) {
  constexpr llvm::StringLiteral Prefix = "unknown key '";
  if (!Message.consume_front(Prefix) || !Message.consume_back("'"))
    return std::nullopt;
  return Message.str();
}

/// Whether \p Line starts the top-level entry of \p Key in block style
/// (`Key:`, `"Key":` or `'Key':` at column 0), as `.clang-tidy` files are
/// written.
bool startsEntry(llvm::StringRef Line, llvm::StringRef Key) {
  for (llvm::StringRef Quote : {"", "\"", "'"}) {
    llvm::StringRef Rest = Line;
    if (Rest.consume_front(Quote) && Rest.consume_front(Key) &&
        Rest.consume_front(Quote) && Rest.ltrim(" \t").startswith(":"))
      return true;
  }
  return false;
}

/// \p Text without the top-level entry whose key is \p Key: its line and
/// the indented lines of its value become empty lines, so that line numbers
/// stay. Unchanged if there is no such entry in block style.
std::string withoutTopLevelKey(llvm::StringRef Text, llvm::StringRef Key) {
  llvm::SmallVector<llvm::StringRef, 32> Lines;
  Text.split(Lines, '\n');
  std::string Result;
  bool Dropping = false;
  bool Dropped = false;
  for (size_t I = 0; I < Lines.size(); ++I) {
    llvm::StringRef Line = Lines[I];
    if (!Dropped && startsEntry(Line, Key)) {
      Dropping = Dropped = true;
    } else if (Dropping && !Line.empty() && Line.front() != ' ' &&
               Line.front() != '\t' && Line.front() != '#') {
      Dropping = false; // The next top-level entry.
    }
    if (!Dropping)
      Result += Line;
    if (I + 1 < Lines.size())
      Result += '\n';
  }
  return Dropped ? Result : Text.str();
}

/// FileOptionsProvider with the lenient parser as its one handler. (Its
/// constructor that takes handlers leaves the file system unset in LLVM 16,
/// so the handlers are replaced after construction, which a subclass may.)
class LenientFileOptionsProvider : public clang::tidy::FileOptionsProvider {
public:
  LenientFileOptionsProvider(clang::tidy::ClangTidyOptions DefaultOptions,
                             clang::tidy::ClangTidyOptions OverrideOptions)
      : FileOptionsProvider(
            clang::tidy::ClangTidyGlobalOptions(), std::move(DefaultOptions),
            std::move(OverrideOptions), llvm::vfs::getRealFileSystem()) {
    ConfigHandlers.clear();
    ConfigHandlers.emplace_back(
        ".clang-tidy",
        [](llvm::MemoryBufferRef Text)
            -> llvm::ErrorOr<clang::tidy::ClangTidyOptions> {
          auto Parsed = parseLenientConfiguration(Text);
          if (!Parsed) {
            llvm::consumeError(Parsed.takeError());
            return std::make_error_code(std::errc::invalid_argument);
          }
          return std::move(Parsed->Options);
        });
  }
};

} // namespace

std::unique_ptr<clang::tidy::ClangTidyOptionsProvider>
makeLenientFileOptionsProvider(clang::tidy::ClangTidyOptions DefaultOptions,
                               clang::tidy::ClangTidyOptions OverrideOptions) {
  return std::make_unique<LenientFileOptionsProvider>(
      std::move(DefaultOptions), std::move(OverrideOptions));
}

llvm::Expected<LenientConfiguration>
parseLenientConfiguration(llvm::MemoryBufferRef Text) {
  // Each round drops the key the parser stopped at. clang-tidy 16 knows a
  // dozen top-level keys and later versions add a few: a file with more
  // unknown keys than this is not a .clang-tidy, and is refused.
  constexpr unsigned MaxUnknownKeys = 64;
  LenientConfiguration Result;
  std::string Current = Text.getBuffer().str();
  for (unsigned Round = 0; Round < MaxUnknownKeys; ++Round) {
    std::string Problem;
    std::optional<std::string> Unknown;
    auto Parsed = clang::tidy::parseConfigurationWithDiags(
        llvm::MemoryBufferRef(Current, Text.getBufferIdentifier()),
        [&](const llvm::SMDiagnostic &D) {
          if (!Problem.empty())
            return;
          Problem = "line " + std::to_string(D.getLineNo()) + ": " +
                    D.getMessage().str();
          Unknown = unknownKey(D.getMessage());
        });
    if (Parsed) {
      Result.Options = std::move(*Parsed);
      return Result;
    }
    std::string Stripped =
        Unknown ? withoutTopLevelKey(Current, *Unknown) : Current;
    if (!Unknown || Stripped == Current)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          Problem.empty() ? Parsed.getError().message() : Problem);
    Result.IgnoredKeys.push_back(*Unknown);
    Current = std::move(Stripped);
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "more than " + std::to_string(MaxUnknownKeys) +
                                     " unknown keys");
}

} // namespace leash
