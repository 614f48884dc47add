//===--- MergeCommand.cpp - `leash merge` ---------------------------------===//

#include "MergeCommand.h"

#include "ExitStatus.h"
#include "JsonReport.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#ifndef LEASH_VERSION
#error "the build must define LEASH_VERSION"
#endif

namespace leash {

namespace {

using Json = nlohmann::json;

/// The error of a report that cannot be merged, which names it.
llvm::Error refuse(const std::string &Input, const llvm::Twine &Why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot merge '" + Input + "': " + Why);
}

// Accessors that check types first: leash is built without exceptions, so
// nlohmann's own checks would abort on a malformed report.

const Json *member(const Json &Object, const char *Key) {
  if (!Object.is_object())
    return nullptr;
  auto Found = Object.find(Key);
  return Found == Object.end() ? nullptr : &*Found;
}

std::optional<std::string> stringMember(const Json &Object, const char *Key) {
  const Json *Value = member(Object, Key);
  if (!Value || !Value->is_string())
    return std::nullopt;
  return Value->get<std::string>();
}

std::optional<unsigned> unsignedMember(const Json &Object, const char *Key) {
  const Json *Value = member(Object, Key);
  if (!Value || !Value->is_number_unsigned())
    return std::nullopt;
  return Value->get<unsigned>();
}

const Json *arrayMember(const Json &Object, const char *Key) {
  const Json *Value = member(Object, Key);
  return Value && Value->is_array() ? Value : nullptr;
}

/// One shard's report, read back into the driver's model with absolute
/// paths.
struct ShardReport {
  std::string Input;
  ShardInfo Shard;
  std::vector<TranslationUnitResult> Units;
  std::vector<SkippedUnit> Skipped;
  std::vector<Finding> Findings;
  std::vector<std::string> Fingerprints;
  std::optional<std::vector<UnsafeMarker>> Markers;
};

/// The absolute path of \p Path as a report gives it.
std::string fromReport(const std::string &Path, llvm::StringRef Root) {
  if (llvm::sys::path::is_absolute(Path))
    return Path;
  llvm::SmallString<256> Full(Root);
  llvm::sys::path::append(Full, llvm::sys::path::Style::posix, Path);
  return std::string(Full);
}

/// A place (`file`, `line`, `column`, each possibly null) in \p Object.
std::optional<SourceLocation> readPlace(const Json &Object,
                                        llvm::StringRef Root) {
  const Json *File = member(Object, "file");
  if (!File)
    return std::nullopt;
  SourceLocation Where;
  if (File->is_null())
    return Where;
  auto Line = unsignedMember(Object, "line");
  auto Column = unsignedMember(Object, "column");
  if (!File->is_string() || !Line || !Column)
    return std::nullopt;
  Where.File = fromReport(File->get<std::string>(), Root);
  Where.Line = *Line;
  Where.Column = *Column;
  return Where;
}

std::optional<Severity> readSeverity(const Json &Object) {
  auto Name = stringMember(Object, "severity");
  for (Severity Level : {Severity::Note, Severity::Warning, Severity::Error})
    if (Name && *Name == severityName(Level))
      return Level;
  return std::nullopt;
}

llvm::Expected<ShardReport> readShard(const std::string &Input,
                                      llvm::StringRef Root) {
  auto Buffer = llvm::MemoryBuffer::getFile(Input, /*IsText=*/true);
  if (!Buffer)
    return refuse(Input, Buffer.getError().message());
  Json Document = Json::parse((*Buffer)->getBuffer(), nullptr,
                              /*allow_exceptions=*/false);
  // A shard's SARIF log holds its leash report (SarifReport.h).
  if (const Json *Runs = arrayMember(Document, "runs"); Runs) {
    const Json *Properties =
        Runs->size() == 1 ? member(Runs->front(), "properties") : nullptr;
    const Json *Embedded =
        Properties ? member(*Properties, "leashShardReport") : nullptr;
    if (!Embedded)
      return refuse(Input, "a SARIF log that is not a leash shard's (write "
                           "the shards' reports with 'leash check --shard "
                           "I/N')");
    Document = Json(*Embedded);
  }
  if (Document.is_discarded() || stringMember(Document, "format") !=
                                     std::optional<std::string>("leash-report"))
    return refuse(Input, "not a leash report (write the shards' reports with "
                         "'leash check --shard I/N --format=json' or "
                         "'--format=sarif')");
  const Json *Version = member(Document, "version");
  if (!Version || *Version != JsonReportVersion)
    return refuse(Input, "a leash report of another format version than " +
                             std::to_string(JsonReportVersion));
  const Json *Tool = member(Document, "tool");
  std::optional<std::string> ToolVersion =
      Tool ? stringMember(*Tool, "version") : std::nullopt;
  if (ToolVersion != std::optional<std::string>(LEASH_VERSION))
    return refuse(Input, "written by leash " + ToolVersion.value_or("?") +
                             ", but this is leash " LEASH_VERSION
                             "; run the shards and the merge with one leash");
  const Json *Shard = member(Document, "shard");
  if (!Shard)
    return refuse(Input, "not a shard's report (no \"shard\"); write it with "
                         "'leash check --shard I/N --format=json'");
  if (const Json *Baseline = member(Document, "baseline");
      Baseline && !Baseline->is_null())
    return refuse(Input, "the shard was run with --baseline; run the shards "
                         "without it and give it to 'leash merge'");

  ShardReport Report;
  Report.Input = Input;
  auto Index = unsignedMember(*Shard, "index");
  auto Count = unsignedMember(*Shard, "count");
  auto Configuration = stringMember(*Shard, "configuration");
  const Json *FindingUnits = arrayMember(*Shard, "findingUnits");
  const Json *Findings = arrayMember(Document, "findings");
  const Json *Units = arrayMember(Document, "translationUnits");
  const Json *Skipped = arrayMember(Document, "skippedUnits");
  auto Malformed = [&](const llvm::Twine &What) {
    return refuse(Input, "malformed leash report: " + What);
  };
  if (!Index || !Count || !Configuration || !FindingUnits || *Index < 1 ||
      *Index > *Count)
    return Malformed("bad \"shard\"");
  if (!Findings || !Units || !Skipped ||
      FindingUnits->size() != Findings->size())
    return Malformed("missing findings or units");
  Report.Shard.Index = *Index;
  Report.Shard.Count = *Count;
  Report.Shard.Configuration = *Configuration;

  for (const Json &Entry : *Units) {
    auto File = stringMember(Entry, "file");
    const Json *Analysed = member(Entry, "analysed");
    if (!File || !Analysed || !Analysed->is_boolean())
      return Malformed("a translation unit without file or analysed");
    TranslationUnitResult Unit;
    Unit.File = fromReport(*File, Root);
    Unit.Analysed = Analysed->get<bool>();
    if (!Unit.Analysed) {
      Unit.FailureReason = stringMember(Entry, "failure").value_or("");
      if (const Json *Where = member(Entry, "failureLocation")) {
        Unit.FailureLocation = readPlace(*Where, Root);
        if (!Unit.FailureLocation)
          return Malformed("a bad failureLocation");
      }
    }
    Report.Units.push_back(std::move(Unit));
  }
  for (const Json &Entry : *Skipped) {
    auto File = stringMember(Entry, "file");
    auto Reason = stringMember(Entry, "reason");
    if (!File || !Reason)
      return Malformed("a skipped unit without file or reason");
    Report.Skipped.push_back({fromReport(*File, Root), *Reason});
  }
  for (size_t I = 0; I < Findings->size(); ++I) {
    const Json &Entry = (*Findings)[I];
    const Json &UnitIndex = (*FindingUnits)[I];
    Finding F;
    auto Rule = stringMember(Entry, "rule");
    auto Level = readSeverity(Entry);
    auto Message = stringMember(Entry, "message");
    auto Where = readPlace(Entry, Root);
    auto Fingerprint = stringMember(Entry, "fingerprint");
    const Json *Notes = arrayMember(Entry, "notes");
    if (!Rule || !Level || !Message || !Where || !Fingerprint || !Notes ||
        !UnitIndex.is_number_unsigned() ||
        UnitIndex.get<size_t>() >= Report.Units.size())
      return Malformed("finding " + llvm::Twine(I) + " is incomplete");
    F.Rule = *Rule;
    F.Level = *Level;
    F.Message = *Message;
    F.Where = *Where;
    for (const Json &NoteEntry : *Notes) {
      auto NoteMessage = stringMember(NoteEntry, "message");
      auto NoteWhere = readPlace(NoteEntry, Root);
      if (!NoteMessage || !NoteWhere)
        return Malformed("a note of finding " + llvm::Twine(I) +
                         " is incomplete");
      F.Notes.push_back({*NoteMessage, *NoteWhere});
    }
    Report.Findings.push_back(std::move(F));
    Report.Fingerprints.push_back(*Fingerprint);
    Report.Shard.FindingUnits.push_back(UnitIndex.get<size_t>());
  }
  if (const Json *Inventory = member(Document, "unsafeInventory")) {
    const Json *Markers = arrayMember(*Inventory, "markers");
    if (!Markers)
      return Malformed("an unsafeInventory without markers");
    Report.Markers.emplace();
    for (const Json &Entry : *Markers) {
      auto Kind = stringMember(Entry, "kind");
      auto Name = stringMember(Entry, "name");
      auto Reason = stringMember(Entry, "reason");
      auto Where = readPlace(Entry, Root);
      if (!Kind || !Name || !Reason || !Where)
        return Malformed("an incomplete unsafe marker");
      Report.Markers->push_back({*Kind, *Name, *Reason, *Where});
    }
  }
  return Report;
}

/// Fails unless \p Shards are the parts 1..N of one run, each once.
llvm::Error checkParts(const std::vector<ShardReport> &Shards) {
  const ShardReport &First = Shards.front();
  std::map<unsigned, const ShardReport *> Seen;
  for (const ShardReport &Shard : Shards) {
    if (Shard.Shard.Count != First.Shard.Count)
      return refuse(Shard.Input, "it is shard " +
                                     llvm::Twine(Shard.Shard.Index) + "/" +
                                     llvm::Twine(Shard.Shard.Count) +
                                     ", but '" + First.Input + "' is one of " +
                                     llvm::Twine(First.Shard.Count));
    if (Shard.Shard.Configuration != First.Shard.Configuration ||
        Shard.Markers.has_value() != First.Markers.has_value())
      return refuse(Shard.Input, "it was checked with other checks or "
                                 "options than '" +
                                     First.Input + "'");
    auto [Other, Inserted] = Seen.try_emplace(Shard.Shard.Index, &Shard);
    if (!Inserted)
      return refuse(Shard.Input, "shard " + llvm::Twine(Shard.Shard.Index) +
                                     " is given twice (also '" +
                                     Other->second->Input + "')");
  }
  for (unsigned Index = 1; Index <= First.Shard.Count; ++Index)
    if (!Seen.count(Index))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "cannot merge: shard " + llvm::Twine(Index) + "/" +
              llvm::Twine(First.Shard.Count) +
              " is missing; give the reports of all " +
              llvm::Twine(First.Shard.Count) + " shards");
  return llvm::Error::success();
}

/// Fails when a finding's line under the source root is not the line the
/// shard saw: the fingerprints and the baseline would silently differ.
llvm::Error checkSources(const ShardReport &Shard, llvm::StringRef Root) {
  SourceText Sources;
  for (size_t I = 0; I < Shard.Findings.size(); ++I) {
    std::string Ours = fingerprints({Shard.Findings[I]}, Sources).front();
    llvm::StringRef Hash = llvm::StringRef(Ours).split(':').first;
    if (!llvm::StringRef(Shard.Fingerprints[I]).startswith((Hash + ":").str()))
      return refuse(Shard.Input,
                    "line " + llvm::Twine(Shard.Findings[I].Where.Line) +
                        " of '" +
                        reportPath(Shard.Findings[I].Where.File, Root) +
                        "' is not the line the shard checked; run 'leash "
                        "merge' in a checkout of the same tree, or give "
                        "its --source-root");
  }
  return llvm::Error::success();
}

int usageError(const llvm::Twine &What) {
  llvm::WithColor::error(llvm::errs(), "leash") << What << '\n';
  return ExitUsage;
}

} // namespace

int runMerge(const MergeRequest &Request) {
  const GateOptions &Gate = Request.Gate;
  if (Request.Inputs.empty())
    return usageError("'leash merge' needs the JSON reports of the shards");
  auto Setup = prepareRun(Gate.Format, Request.SourceRoot, Gate.BaselineFile);
  if (!Setup)
    return usageError(llvm::toString(Setup.takeError()));
  const std::string &SourceRoot = Setup->SourceRoot;
  const std::optional<Baseline> &Accepted = Setup->Accepted;

  std::vector<ShardReport> Shards;
  for (const std::string &Input : Request.Inputs) {
    auto Shard = readShard(Input, SourceRoot);
    if (!Shard)
      return usageError(llvm::toString(Shard.takeError()));
    Shards.push_back(std::move(*Shard));
  }
  if (llvm::Error E = checkParts(Shards))
    return usageError(llvm::toString(std::move(E)));
  for (const ShardReport &Shard : Shards)
    if (llvm::Error E = checkSources(Shard, SourceRoot))
      return usageError(llvm::toString(std::move(E)));

  // The units in a single run's order, each with the findings that its
  // shard first saw in it, so that merging them again gives the run's
  // order; every shard's markers ride on one of its units.
  struct Place {
    size_t Shard, Unit;
  };
  std::map<std::string, Place> Order;
  for (size_t S = 0; S < Shards.size(); ++S)
    for (size_t U = 0; U < Shards[S].Units.size(); ++U)
      if (!Order.try_emplace(Shards[S].Units[U].File, Place{S, U}).second)
        return usageError(llvm::toString(
            refuse(Shards[S].Input,
                   "'" + reportPath(Shards[S].Units[U].File, SourceRoot) +
                       "' is in two shards")));
  for (ShardReport &Shard : Shards) {
    for (size_t I = 0; I < Shard.Findings.size(); ++I)
      Shard.Units[Shard.Shard.FindingUnits[I]].Findings.push_back(
          Shard.Findings[I]);
    if (Shard.Markers && !Shard.Units.empty())
      Shard.Units.front().UnsafeMarkers = *Shard.Markers;
  }
  std::vector<TranslationUnitResult> Units;
  for (const auto &[File, Where] : Order)
    Units.push_back(std::move(Shards[Where.Shard].Units[Where.Unit]));
  if (Units.empty())
    return usageError("cannot merge: the shards checked no translation unit");

  RunReport Report;
  Report.SourceRoot = SourceRoot;
  Report.WorkingDirectory = Setup->WorkingDirectory;
  for (const ShardReport &Shard : Shards)
    llvm::append_range(Report.Skipped, Shard.Skipped);
  llvm::sort(Report.Skipped, [](const SkippedUnit &A, const SkippedUnit &B) {
    return A.File < B.File;
  });
  MergedResults Merged = mergeUnitResults(Units);
  Report.Units = std::move(Units);
  GateOptions Options = Gate;
  Options.UnsafeInventory = Shards.front().Markers.has_value();
  return finishRun(Options, Report, Merged, Accepted);
}

} // namespace leash
