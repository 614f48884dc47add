//===--- RunGate.cpp - From the units' results to a report and exit status ===//

#include "RunGate.h"

#include "ExitStatus.h"
#include "JsonReport.h"
#include "SarifReport.h"
#include "TextReport.h"
#include "UnsafeInventory.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <set>
#include <tuple>

namespace leash {

namespace {

using FindingKey =
    std::tuple<std::string, std::string, unsigned, unsigned, std::string>;

/// Writes the report in the requested format to the output file or stdout.
llvm::Error writeReport(const GateOptions &Options, const RunReport &Report) {
  std::error_code EC;
  std::unique_ptr<llvm::raw_fd_ostream> File;
  if (!Options.OutputFile.empty()) {
    File = std::make_unique<llvm::raw_fd_ostream>(Options.OutputFile, EC);
    if (EC)
      return llvm::createStringError(EC, "cannot write '" + Options.OutputFile +
                                             "': " + EC.message());
  }
  llvm::raw_ostream &Out = File ? *File : llvm::outs();
  if (Options.Format == "json") {
    writeJsonReport(Report, Out);
  } else if (Options.Format == "sarif") {
    writeSarifReport(Report, Out);
  } else {
    writeTextReport(Report.Findings, Out);
    if (Report.UnsafeMarkers)
      writeUnsafeInventory(*Report.UnsafeMarkers, Report.SourceRoot, Out);
  }
  Out.flush();
  return llvm::Error::success();
}

/// The units that could not be analysed (those in \p KnownFailures marked
/// so), and the one-line summary.
void printSummary(const RunReport &Report, const GateOptions &Options,
                  bool WithBaseline,
                  const std::set<std::string> &KnownFailures) {
  size_t Warnings = 0, Errors = 0, Failed = 0;
  for (const Finding &F : Report.Findings) {
    Warnings += F.Level == Severity::Warning;
    Errors += F.Level == Severity::Error;
  }
  for (const TranslationUnitResult &Result : Report.Units) {
    if (Result.Analysed)
      continue;
    ++Failed;
    llvm::WithColor::error(llvm::errs(), "leash")
        << "could not analyse '" << Result.File << "': " << Result.FailureReason
        << (KnownFailures.count(Result.File) ? " (known: the baseline holds it)"
                                             : "")
        << '\n';
  }
  llvm::errs() << "leash: " << Report.Units.size() - Failed << " of "
               << Report.Units.size() << " translation units analysed, "
               << Warnings << (Warnings == 1 ? " warning, " : " warnings, ")
               << Errors << (Errors == 1 ? " error" : " errors");
  if (Failed)
    llvm::errs() << ", " << Failed << " not analysed";
  if (!Report.Skipped.empty())
    llvm::errs() << ", " << Report.Skipped.size() << " skipped";
  if (WithBaseline)
    llvm::errs() << ", " << Report.Baselined << " in the baseline";
  if (Options.FromCache)
    llvm::errs() << ", " << *Options.FromCache << " from the cache";
  llvm::errs() << '\n';
}

} // namespace

MergedResults
mergeUnitResults(const std::vector<TranslationUnitResult> &Results) {
  MergedResults Merged;
  std::set<FindingKey> Seen, SeenRemarks, SeenMarkers;
  for (size_t Unit = 0; Unit < Results.size(); ++Unit) {
    const TranslationUnitResult &Result = Results[Unit];
    for (const UnsafeMarker &M : Result.UnsafeMarkers) {
      FindingKey Key{M.Kind, M.Where.File, M.Where.Line, M.Where.Column,
                     M.Name};
      if (SeenMarkers.insert(Key).second)
        Merged.Markers.push_back(M);
    }
    for (const Finding &F : Result.Findings) {
      FindingKey Key{F.Rule, F.Where.File, F.Where.Line, F.Where.Column,
                     F.Message};
      if (Seen.insert(Key).second) {
        Merged.Findings.push_back(F);
        Merged.FindingUnits.push_back(Unit);
      }
    }
    for (const Finding &R : Result.Remarks) {
      FindingKey Key{R.Rule, R.Where.File, R.Where.Line, R.Where.Column,
                     R.Message};
      if (SeenRemarks.insert(Key).second)
        Merged.Remarks.push_back(R);
    }
  }
  // A total order, so that the inventory does not depend on which unit saw
  // a marker first (shards see them in other orders).
  llvm::sort(Merged.Markers, [](const UnsafeMarker &A, const UnsafeMarker &B) {
    return std::tie(A.Where.File, A.Where.Line, A.Where.Column, A.Kind,
                    A.Name) <
           std::tie(B.Where.File, B.Where.Line, B.Where.Column, B.Kind, B.Name);
  });
  return Merged;
}

llvm::Expected<RunSetup> prepareRun(llvm::StringRef Format,
                                    llvm::StringRef SourceRoot,
                                    llvm::StringRef BaselineFile) {
  auto Refuse = [](const llvm::Twine &What) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), What);
  };
  if (Format != "text" && Format != "json" && Format != "sarif")
    return Refuse("unknown --format '" + Format + "'; use text, json or sarif");
  llvm::SmallString<256> WorkingDirectory;
  if (std::error_code EC = llvm::sys::fs::current_path(WorkingDirectory))
    return Refuse("cannot find the current directory: " + EC.message());
  RunSetup Setup;
  Setup.WorkingDirectory = std::string(WorkingDirectory);
  Setup.SourceRoot =
      canonicalPath(SourceRoot.empty() ? WorkingDirectory.str() : SourceRoot,
                    WorkingDirectory);
  if (!llvm::sys::fs::is_directory(Setup.SourceRoot))
    return Refuse("source root '" + SourceRoot + "' is not a directory");
  if (!BaselineFile.empty()) {
    auto Read = Baseline::read(std::string(BaselineFile));
    if (!Read)
      return Read.takeError();
    Setup.Accepted = std::move(*Read);
  }
  return Setup;
}

int finishRun(const GateOptions &Options, RunReport &Report,
              const MergedResults &Merged,
              const std::optional<Baseline> &Accepted) {
  // Fingerprints come before the baseline takes findings away, so that they
  // do not depend on it.
  SourceText Sources;
  std::vector<std::string> Fingerprints =
      fingerprints(Merged.Findings, Sources);
  std::vector<bool> Known(Merged.Findings.size(), false);
  if (Accepted) {
    Known = Accepted->match(Merged.Findings, Report.SourceRoot, Sources);
    Report.BaselineFile = Options.BaselineFile;
  }
  size_t Failing = 0;
  for (size_t I = 0; I < Merged.Findings.size(); ++I) {
    if (Known[I]) {
      ++Report.Baselined;
      continue;
    }
    Report.Findings.push_back(Merged.Findings[I]);
    Report.Fingerprints.push_back(Fingerprints[I]);
    if (Report.Shard)
      Report.Shard->FindingUnits.push_back(Merged.FindingUnits[I]);
    Failing += Merged.Findings[I].Level >= Options.FailOn;
  }
  if (Options.UnsafeInventory)
    Report.UnsafeMarkers = Merged.Markers;
  // A unit that the baseline knows cannot be analysed does not fail the
  // gate; one that newly fails does.
  size_t NewFailures = 0;
  std::set<std::string> KnownFailures;
  for (const TranslationUnitResult &Unit : Report.Units) {
    if (Unit.Analysed)
      continue;
    if (Accepted && Accepted->acceptsFailure(Unit.File, Report.SourceRoot))
      KnownFailures.insert(Unit.File);
    else
      ++NewFailures;
  }
  Report.ExitStatus =
      NewFailures ? ExitUnitFailed : (Failing ? ExitFindings : ExitClean);

  auto UsageError = [](llvm::Error E) {
    llvm::WithColor::error(llvm::errs(), "leash")
        << llvm::toString(std::move(E)) << '\n';
    return ExitUsage;
  };
  if (llvm::Error E = writeReport(Options, Report))
    return UsageError(std::move(E));
  if (!Options.WriteBaselineFile.empty())
    if (llvm::Error E =
            writeBaseline(Options.WriteBaselineFile, Merged.Findings,
                          Report.Units, Report.SourceRoot, Sources))
      return UsageError(std::move(E));
  printSummary(Report, Options, Accepted.has_value(), KnownFailures);
  return Report.ExitStatus;
}

} // namespace leash
