//===--- JsonReport.cpp - A run's findings as leash's own JSON ------------===//

#include "JsonReport.h"

#include "UnsafeInventory.h"

#include <nlohmann/json.hpp>

#ifndef LEASH_VERSION
#error "the build must define LEASH_VERSION"
#endif

namespace leash {

namespace {

using Json = nlohmann::ordered_json;

Json place(const SourceLocation &Where, llvm::StringRef Root) {
  if (Where.File.empty())
    return {{"file", nullptr}, {"line", nullptr}, {"column", nullptr}};
  return {{"file", reportPath(Where.File, Root)},
          {"line", Where.Line},
          {"column", Where.Column}};
}

} // namespace

nlohmann::ordered_json jsonReport(const RunReport &Report) {
  const std::string &SourceRoot = Report.SourceRoot;

  Json Findings = Json::array();
  for (size_t I = 0; I < Report.Findings.size(); ++I) {
    const Finding &F = Report.Findings[I];
    Json Notes = Json::array();
    for (const Note &N : F.Notes) {
      Json Entry = {{"message", N.Message}};
      Entry.update(place(N.Where, SourceRoot));
      Notes.push_back(std::move(Entry));
    }
    Json Entry = {{"rule", F.Rule},
                  {"severity", severityName(F.Level)},
                  {"message", F.Message}};
    Entry.update(place(F.Where, SourceRoot));
    Entry["fingerprint"] = Report.Fingerprints[I];
    Entry["notes"] = std::move(Notes);
    Findings.push_back(std::move(Entry));
  }

  Json Units = Json::array();
  for (const TranslationUnitResult &Unit : Report.Units) {
    Json Entry = {
        {"file", reportPath(Unit.File, SourceRoot)},
        {"analysed", Unit.Analysed},
        {"failure", Unit.Analysed ? Json(nullptr) : Json(Unit.FailureReason)}};
    if (!Unit.Analysed && Unit.FailureLocation)
      Entry["failureLocation"] = place(*Unit.FailureLocation, SourceRoot);
    Units.push_back(std::move(Entry));
  }

  Json Skipped = Json::array();
  for (const SkippedUnit &Unit : Report.Skipped)
    Skipped.push_back(
        {{"file", reportPath(Unit.File, SourceRoot)}, {"reason", Unit.Reason}});

  ReportCounts Counts = countReport(Report);
  Json Baseline = nullptr;
  if (!Report.BaselineFile.empty())
    Baseline = {{"file", Report.BaselineFile}, {"matched", Report.Baselined}};

  Json Document = {{"format", "leash-report"},
                   {"version", JsonReportVersion},
                   {"tool", {{"name", "leash"}, {"version", LEASH_VERSION}}},
                   {"sourceRoot", SourceRoot},
                   {"findings", std::move(Findings)},
                   {"translationUnits", std::move(Units)},
                   {"skippedUnits", std::move(Skipped)},
                   {"baseline", std::move(Baseline)},
                   {"summary",
                    {{"translationUnits", Counts.Units},
                     {"analysed", Counts.Analysed},
                     {"skipped", Counts.Skipped},
                     {"warnings", Counts.Warnings},
                     {"errors", Counts.Errors}}},
                   {"exitStatus", Report.ExitStatus}};
  if (Report.UnsafeMarkers)
    Document["unsafeInventory"] =
        unsafeInventoryJson(*Report.UnsafeMarkers, SourceRoot);
  if (Report.Shard)
    Document["shard"] = {{"index", Report.Shard->Index},
                         {"count", Report.Shard->Count},
                         {"configuration", Report.Shard->Configuration},
                         {"findingUnits", Report.Shard->FindingUnits}};
  return Document;
}

void writeJsonReport(const RunReport &Report, llvm::raw_ostream &OS) {
  OS << jsonReport(Report).dump(2, ' ', /*ensure_ascii=*/false,
                                nlohmann::json::error_handler_t::replace)
     << '\n';
}

} // namespace leash
