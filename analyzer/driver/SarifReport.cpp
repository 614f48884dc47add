//===--- SarifReport.cpp - A run's findings as SARIF 2.1.0 ----------------===//

#include "SarifReport.h"

#include "Catalogue.h"
#include "JsonReport.h"

#include "llvm/ADT/StringExtras.h"

#include <nlohmann/json.hpp>

#include <map>

#ifndef LEASH_VERSION
#error "the build must define LEASH_VERSION"
#endif
#ifndef LEASH_INFORMATION_URI
#define LEASH_INFORMATION_URI ""
#endif
#ifndef LEASH_RULE_HELP_BASE_URI
#define LEASH_RULE_HELP_BASE_URI ""
#endif

namespace leash {

namespace {

using Json = nlohmann::ordered_json;

constexpr llvm::StringLiteral SourceRootId = "%SRCROOT%";

/// GitHub code scanning keeps at most this many characters of a rule's
/// descriptions.
constexpr size_t DescriptionLimit = 1024;

/// \p Path percent-encoded as a URI path: everything but unreserved
/// characters and `/` is encoded, which is always valid.
std::string encodePath(llvm::StringRef Path) {
  std::string Result;
  for (unsigned char C : Path) {
    if (llvm::isAlnum(C) || C == '-' || C == '.' || C == '_' || C == '~' ||
        C == '/') {
      Result += C;
      continue;
    }
    Result += '%';
    Result += llvm::hexdigit(C >> 4);
    Result += llvm::hexdigit(C & 15);
  }
  return Result;
}

/// At most \p Limit bytes of \p Text, cut at a UTF-8 character boundary.
std::string truncated(llvm::StringRef Text, size_t Limit) {
  if (Text.size() <= Limit)
    return Text.str();
  size_t End = Limit - 3;
  while (End > 0 && (static_cast<unsigned char>(Text[End]) & 0xC0) == 0x80)
    --End;
  return Text.take_front(End).str() + "...";
}

/// `leash-unsafe-in-capsule` -> `UnsafeInCapsule`: the rule's name for
/// people, as reportingDescriptor.name wants one.
std::string ruleName(llvm::StringRef Id) {
  Id.consume_front("leash-");
  std::string Name;
  bool Upper = true;
  for (char C : Id) {
    if (C == '-' || C == '.' || C == '_') {
      Upper = true;
      continue;
    }
    Name += Upper ? llvm::toUpper(C) : C;
    Upper = false;
  }
  return Name;
}

// SARIF's levels are spelled as leash's severities (severityName).

/// The descriptor of a catalogue rule.
Json describe(const Rule &R) {
  std::string Markdown = R.Page;
  if (Markdown.empty())
    Markdown = "**" + R.Summary + ".**\n\n" + R.Description + "\n";
  Json Descriptor = {
      {"id", R.Id},
      {"name", ruleName(R.Id)},
      {"shortDescription", {{"text", truncated(R.Summary, DescriptionLimit)}}},
      {"fullDescription",
       {{"text", truncated(R.Description, DescriptionLimit)}}},
      {"defaultConfiguration",
       {{"level", R.Severity == "error" ? "error" : "warning"}}},
      {"help",
       {{"text", R.Page.empty() ? R.Description : R.Page},
        {"markdown", Markdown}}}};
  llvm::StringRef Base = LEASH_RULE_HELP_BASE_URI;
  if (!Base.empty())
    Descriptor["helpUri"] = Base.str() + "rules/" + R.Id + ".md";
  Descriptor["properties"] = {{"tags", Json::array({"leash", R.Group})}};
  return Descriptor;
}

/// The descriptor of a rule that the catalogue does not describe: a
/// compiler diagnostic or another clang-tidy check.
Json describeOther(llvm::StringRef Id, Severity Level) {
  std::string Short, Full;
  llvm::StringRef Warning = Id;
  if (Id == "clang-diagnostic-error") {
    Short = "The code does not compile";
    Full = "A Clang error: the translation unit could not be analysed, and "
           "leash fails the run (exit status 3) until it compiles with the "
           "command of compile_commands.json.";
  } else if (Warning.consume_front("clang-diagnostic-")) {
    Short = ("Compiler warning -W" + Warning).str();
    Full = ("A diagnostic of the Clang compiler (-W" + Warning +
            "), reported because the enabled checks include " + Id + ".")
               .str();
  } else {
    Short = ("clang-tidy check " + Id).str();
    Full = ("A finding of clang-tidy's " + Id +
            " check, enabled by --checks or a .clang-tidy file; clang-tidy's "
            "documentation describes it.")
               .str();
  }
  return {{"id", Id},
          {"name", ruleName(Id)},
          {"shortDescription", {{"text", Short}}},
          {"fullDescription", {{"text", Full}}},
          {"defaultConfiguration", {{"level", severityName(Level)}}},
          {"help", {{"text", Full}, {"markdown", Full}}}};
}

/// The URI of directory \p Path, which SARIF wants to end in a slash.
std::string directoryUri(llvm::StringRef Path) {
  std::string Uri = fileUri(Path);
  if (!llvm::StringRef(Uri).endswith("/"))
    Uri += '/';
  return Uri;
}

/// Locations in SARIF's terms, relative to the source root when inside it.
class Locator {
public:
  Locator(const std::string &Root, SourceText &Sources)
      : Root(Root), Sources(Sources) {}

  Json artifact(const std::string &File) const {
    std::string Relative = relativeToRoot(File, Root);
    if (Relative.empty())
      return {{"uri", fileUri(File)}};
    return {{"uri", encodePath(Relative)}, {"uriBaseId", SourceRootId}};
  }

  Json physical(const SourceLocation &Where) {
    Json Physical = {{"artifactLocation", artifact(Where.File)}};
    if (Where.Line > 0) {
      Json Region = {{"startLine", Where.Line}};
      if (Where.Column > 0)
        Region["startColumn"] = codePointColumn(Where);
      Physical["region"] = std::move(Region);
    }
    return Physical;
  }

private:
  /// Clang counts columns in bytes; SARIF here in code points.
  unsigned codePointColumn(const SourceLocation &Where) {
    llvm::StringRef Line = Sources.line(Where.File, Where.Line);
    if (Line.empty())
      return Where.Column;
    unsigned Column = 1;
    for (size_t I = 0; I + 1 < Where.Column && I < Line.size(); ++I)
      if ((static_cast<unsigned char>(Line[I]) & 0xC0) != 0x80)
        ++Column;
    return Column;
  }

  const std::string &Root;
  SourceText &Sources;
};

} // namespace

std::string fileUri(llvm::StringRef Path) {
  return "file://" + encodePath(Path);
}

void writeSarifReport(const RunReport &Report, llvm::raw_ostream &OS) {
  SourceText Sources;
  Locator Locate(Report.SourceRoot, Sources);
  const Catalogue &C = Catalogue::get();

  // The rules: every implemented one, then any other with a result.
  Json Rules = Json::array();
  std::map<std::string, size_t> RuleIndex;
  for (const Rule &R : C.rules())
    if (R.Implemented) {
      RuleIndex[R.Id] = Rules.size();
      Rules.push_back(describe(R));
    }
  for (const Finding &F : Report.Findings) {
    if (F.Where.File.empty() || RuleIndex.count(F.Rule))
      continue;
    RuleIndex[F.Rule] = Rules.size();
    if (const Rule *R = C.find(F.Rule))
      Rules.push_back(describe(*R));
    else
      Rules.push_back(describeOther(F.Rule, F.Level));
  }

  Json Results = Json::array();
  Json Notifications = Json::array();
  for (size_t I = 0; I < Report.Findings.size(); ++I) {
    const Finding &F = Report.Findings[I];
    if (F.Where.File.empty()) {
      // Nowhere in the code (a bad compiler option): a problem of the run.
      Notifications.push_back(
          {{"level", severityName(F.Level)},
           {"message", {{"text", F.Message + " [" + F.Rule + "]"}}}});
      continue;
    }
    Json Result = {
        {"ruleId", F.Rule},
        {"ruleIndex", RuleIndex[F.Rule]},
        {"level", severityName(F.Level)},
        {"message", {{"text", F.Message}}},
        {"locations", Json::array({Json::object(
                          {{"physicalLocation", Locate.physical(F.Where)}})})}};
    Json Related = Json::array();
    for (const Note &N : F.Notes) {
      if (N.Where.File.empty())
        continue;
      Related.push_back({{"id", Related.size() + 1},
                         {"message", {{"text", N.Message}}},
                         {"physicalLocation", Locate.physical(N.Where)}});
    }
    if (!Related.empty())
      Result["relatedLocations"] = std::move(Related);
    Result["partialFingerprints"] = {
        {"primaryLocationLineHash", Report.Fingerprints[I]}};
    Results.push_back(std::move(Result));
  }

  bool AllAnalysed = true;
  for (const TranslationUnitResult &Unit : Report.Units) {
    if (Unit.Analysed)
      continue;
    AllAnalysed = false;
    Notifications.push_back(
        {{"level", "error"},
         {"message",
          {{"text", "could not analyse '" +
                        reportPath(Unit.File, Report.SourceRoot) +
                        "': " + Unit.FailureReason}}},
         {"locations", Json::array({Json::object(
                           {{"physicalLocation",
                             Unit.FailureLocation
                                 ? Locate.physical(*Unit.FailureLocation)
                                 : Json{{"artifactLocation",
                                         Locate.artifact(Unit.File)}}}})})}});
  }

  Json Driver = {{"name", "leash"},
                 {"version", LEASH_VERSION},
                 {"semanticVersion", LEASH_VERSION}};
  llvm::StringRef InformationUri = LEASH_INFORMATION_URI;
  if (!InformationUri.empty())
    Driver["informationUri"] = InformationUri.str();
  Driver["rules"] = std::move(Rules);

  Json Invocation = {
      {"executionSuccessful", AllAnalysed},
      {"exitCode", Report.ExitStatus},
      {"workingDirectory", {{"uri", directoryUri(Report.WorkingDirectory)}}}};
  if (!Notifications.empty())
    Invocation["toolExecutionNotifications"] = std::move(Notifications);

  Json Run = {{"tool", {{"driver", std::move(Driver)}}},
              {"invocations", Json::array({std::move(Invocation)})},
              {"originalUriBaseIds",
               {{SourceRootId, {{"uri", directoryUri(Report.SourceRoot)}}}}},
              {"columnKind", "unicodeCodePoints"},
              {"results", std::move(Results)}};
  // A shard's log carries leash's own report of it, which `leash merge`
  // reads: SARIF alone does not list the units that were analysed.
  if (Report.Shard)
    Run["properties"] = {{"leashShardReport", jsonReport(Report)}};
  Json Log = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
              {"version", "2.1.0"},
              {"runs", Json::array({std::move(Run)})}};
  OS << Log.dump(2, ' ', /*ensure_ascii=*/false,
                 nlohmann::json::error_handler_t::replace)
     << '\n';
}

} // namespace leash
