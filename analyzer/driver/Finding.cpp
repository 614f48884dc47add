//===--- Finding.cpp - What the checker found in one translation unit -----===//

#include "Finding.h"

namespace leash {

NLOHMANN_JSON_SERIALIZE_ENUM(Severity, {{Severity::Note, "note"},
                                        {Severity::Warning, "warning"},
                                        {Severity::Error, "error"}})

const char *severityName(Severity Level) {
  switch (Level) {
  case Severity::Note:
    return "note";
  case Severity::Warning:
    return "warning";
  case Severity::Error:
    return "error";
  }
  return "warning";
}

void to_json(nlohmann::json &J, const SourceLocation &L) {
  J = {{"file", L.File}, {"line", L.Line}, {"column", L.Column}};
}
void from_json(const nlohmann::json &J, SourceLocation &L) {
  J.at("file").get_to(L.File);
  J.at("line").get_to(L.Line);
  J.at("column").get_to(L.Column);
}
void to_json(nlohmann::json &J, const Note &N) {
  J = {{"message", N.Message}, {"location", N.Where}};
}
void from_json(const nlohmann::json &J, Note &N) {
  J.at("message").get_to(N.Message);
  J.at("location").get_to(N.Where);
}
void to_json(nlohmann::json &J, const FixIt &F) {
  J = {{"begin", F.Begin}, {"end", F.End}, {"replacement", F.Replacement}};
}
void from_json(const nlohmann::json &J, FixIt &F) {
  J.at("begin").get_to(F.Begin);
  J.at("end").get_to(F.End);
  J.at("replacement").get_to(F.Replacement);
}
void to_json(nlohmann::json &J, const Finding &F) {
  J = {{"rule", F.Rule},
       {"severity", F.Level},
       {"message", F.Message},
       {"location", F.Where},
       {"notes", F.Notes}};
  // Only workers hand fixes over; older result files have none.
  if (!F.Fixes.empty())
    J["fixes"] = F.Fixes;
}
void from_json(const nlohmann::json &J, Finding &F) {
  J.at("rule").get_to(F.Rule);
  J.at("severity").get_to(F.Level);
  J.at("message").get_to(F.Message);
  J.at("location").get_to(F.Where);
  J.at("notes").get_to(F.Notes);
  if (J.contains("fixes"))
    J.at("fixes").get_to(F.Fixes);
}
void to_json(nlohmann::json &J, const UnsafeMarker &M) {
  J = {{"kind", M.Kind},
       {"name", M.Name},
       {"reason", M.Reason},
       {"location", M.Where}};
}
void from_json(const nlohmann::json &J, UnsafeMarker &M) {
  J.at("kind").get_to(M.Kind);
  J.at("name").get_to(M.Name);
  J.at("reason").get_to(M.Reason);
  J.at("location").get_to(M.Where);
}
void to_json(nlohmann::json &J, const TranslationUnitResult &R) {
  J = {{"file", R.File},
       {"analysed", R.Analysed},
       {"failure", R.FailureReason},
       {"failureLocation", R.FailureLocation
                               ? nlohmann::json(*R.FailureLocation)
                               : nlohmann::json(nullptr)},
       {"findings", R.Findings},
       {"remarks", R.Remarks},
       {"unsafeMarkers", R.UnsafeMarkers}};
  if (R.FromCache)
    J["fromCache"] = true;
}
void from_json(const nlohmann::json &J, TranslationUnitResult &R) {
  J.at("file").get_to(R.File);
  J.at("analysed").get_to(R.Analysed);
  J.at("failure").get_to(R.FailureReason);
  if (auto Found = J.find("failureLocation");
      Found != J.end() && !Found->is_null())
    R.FailureLocation = Found->get<SourceLocation>();
  J.at("findings").get_to(R.Findings);
  J.at("remarks").get_to(R.Remarks);
  J.at("unsafeMarkers").get_to(R.UnsafeMarkers);
  if (auto Found = J.find("fromCache"); Found != J.end() && Found->is_boolean())
    R.FromCache = Found->get<bool>();
}

} // namespace leash
