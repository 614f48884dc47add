//===--- Baseline.cpp - Findings accepted so far --------------------------===//

#include "Baseline.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <numeric>

namespace leash {

namespace {

/// nlohmann's DOM parser, keeping the parse error's message instead of
/// throwing it (leash is built without exceptions).
class DomParser : public nlohmann::detail::json_sax_dom_parser<nlohmann::json> {
public:
  explicit DomParser(nlohmann::json &Result)
      : json_sax_dom_parser(Result, /*allow_exceptions_=*/false) {}

  template <typename Exception>
  bool parse_error(std::size_t, const std::string &, const Exception &Error) {
    Message = Error.what();
    // "[json.exception.parse_error.101] parse error at ..." -> "parse error
    // at ...".
    if (size_t End = Message.find("] "); End != std::string::npos)
      Message = Message.substr(End + 2);
    return false;
  }

  std::string Message;
};

llvm::Error fail(const std::string &Path, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot read baseline '" + Path + "': " + Why);
}

bool isNonEmptyString(const nlohmann::json &Object, const char *Key) {
  auto Found = Object.find(Key);
  return Found != Object.end() && Found->is_string() &&
         !Found->get_ref<const std::string &>().empty();
}

/// The order in which findings meet baseline entries.
std::vector<size_t> fileOrder(const std::vector<Finding> &Findings) {
  std::vector<size_t> Order(Findings.size());
  std::iota(Order.begin(), Order.end(), 0);
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    const SourceLocation &L = Findings[A].Where, &R = Findings[B].Where;
    return std::tie(L.File, L.Line, L.Column) <
           std::tie(R.File, R.Line, R.Column);
  });
  return Order;
}

} // namespace

llvm::Expected<Baseline> Baseline::read(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
  if (!Buffer)
    return fail(Path, Buffer.getError().message());
  llvm::StringRef Text = (*Buffer)->getBuffer();

  nlohmann::json Root;
  DomParser Parser(Root);
  if (!nlohmann::json::sax_parse(Text.begin(), Text.end(), &Parser))
    return fail(Path, Parser.Message.empty() ? "not JSON" : Parser.Message);
  if (!Root.is_object())
    return fail(Path, "not a JSON object");
  auto Format = Root.find("format");
  if (Format == Root.end() || *Format != "leash-baseline")
    return fail(Path, "not a leash baseline (no \"format\": "
                      "\"leash-baseline\"); write one with "
                      "'leash check --write-baseline'");
  auto Version = Root.find("version");
  if (Version == Root.end() || !Version->is_number_integer())
    return fail(Path, "no \"version\"");
  if (*Version != FormatVersion)
    return fail(Path, "version " + Version->dump() +
                          ", but this leash reads "
                          "version " +
                          std::to_string(FormatVersion));
  auto Entries = Root.find("findings");
  if (Entries == Root.end() || !Entries->is_array())
    return fail(Path, "no \"findings\" array");

  Baseline Result;
  size_t Index = 0;
  for (const nlohmann::json &Entry : *Entries) {
    if (!Entry.is_object() || !isNonEmptyString(Entry, "rule") ||
        !isNonEmptyString(Entry, "file") || !Entry.contains("text") ||
        !Entry["text"].is_string())
      return fail(Path, "finding " + std::to_string(Index) +
                            " needs \"rule\", \"file\" and \"text\" strings");
    ++Result.Counts[{Entry["rule"].get<std::string>(),
                     Entry["file"].get<std::string>(),
                     Entry["text"].get<std::string>()}];
    ++Index;
  }
  if (auto Failed = Root.find("failedUnits"); Failed != Root.end()) {
    if (!Failed->is_array())
      return fail(Path, "\"failedUnits\" is not an array");
    Index = 0;
    for (const nlohmann::json &Entry : *Failed) {
      if (!Entry.is_object() || !isNonEmptyString(Entry, "file"))
        return fail(Path, "failed unit " + std::to_string(Index) +
                              " needs a \"file\" string");
      Result.FailedUnits.insert(Entry["file"].get<std::string>());
      ++Index;
    }
  }
  return Result;
}

bool Baseline::acceptsFailure(llvm::StringRef File,
                              llvm::StringRef SourceRoot) const {
  return FailedUnits.count(reportPath(File, SourceRoot)) != 0;
}

std::vector<bool> Baseline::match(const std::vector<Finding> &Findings,
                                  llvm::StringRef SourceRoot,
                                  SourceText &Sources) const {
  std::map<Key, size_t> Left = Counts;
  std::vector<bool> Matched(Findings.size(), false);
  for (size_t I : fileOrder(Findings)) {
    const Finding &F = Findings[I];
    auto Found = Left.find(
        {F.Rule, reportPath(F.Where.File, SourceRoot),
         normalizeWhitespace(Sources.line(F.Where.File, F.Where.Line))});
    if (Found != Left.end() && Found->second > 0) {
      --Found->second;
      Matched[I] = true;
    }
  }
  return Matched;
}

llvm::Error writeBaseline(const std::string &Path,
                          const std::vector<Finding> &Findings,
                          const std::vector<TranslationUnitResult> &Units,
                          llvm::StringRef SourceRoot, SourceText &Sources) {
  nlohmann::ordered_json Entries = nlohmann::ordered_json::array();
  for (size_t I : fileOrder(Findings)) {
    const Finding &F = Findings[I];
    Entries.push_back({{"rule", F.Rule},
                       {"file", reportPath(F.Where.File, SourceRoot)},
                       {"text", normalizeWhitespace(
                                    Sources.line(F.Where.File, F.Where.Line))},
                       {"line", F.Where.Line},
                       {"message", F.Message}});
  }
  nlohmann::ordered_json Failed = nlohmann::ordered_json::array();
  for (const TranslationUnitResult &Unit : Units)
    if (!Unit.Analysed)
      Failed.push_back({{"file", reportPath(Unit.File, SourceRoot)},
                        {"reason", Unit.FailureReason}});
  nlohmann::ordered_json Root = {
      {"$comment", "Findings accepted by 'leash check --baseline': matched "
                   "by rule, file and the text of the line (whitespace "
                   "collapsed); line and message are for readers. "
                   "failedUnits: units known not to be analysable, matched "
                   "by file."},
      {"format", "leash-baseline"},
      {"version", Baseline::FormatVersion},
      {"findings", std::move(Entries)},
      {"failedUnits", std::move(Failed)}};

  std::error_code EC;
  llvm::raw_fd_ostream Out(Path, EC, llvm::sys::fs::OF_Text);
  if (EC)
    return llvm::createStringError(EC, "cannot write baseline '" + Path +
                                           "': " + EC.message());
  Out << Root.dump(2, ' ', /*ensure_ascii=*/false,
                   nlohmann::json::error_handler_t::replace)
      << '\n';
  Out.close();
  if (Out.has_error())
    return llvm::createStringError(Out.error(),
                                   "cannot write baseline '" + Path +
                                       "': " + Out.error().message());
  return llvm::Error::success();
}

} // namespace leash
