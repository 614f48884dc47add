//===--- RunReport.cpp - What one `leash check` run reports ---------------===//

#include "RunReport.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SHA256.h"

#include <algorithm>
#include <tuple>

namespace leash {

namespace {

/// \p Text with every byte that is not part of valid UTF-8 replaced by
/// U+FFFD, so that it is stored in JSON and read back unchanged.
std::string validUtf8(llvm::StringRef Text) {
  std::string Result;
  const auto *Bytes = reinterpret_cast<const llvm::UTF8 *>(Text.data());
  for (size_t I = 0; I < Text.size();) {
    unsigned Length = llvm::getNumBytesForUTF8(Bytes[I]);
    if (I + Length <= Text.size() &&
        llvm::isLegalUTF8Sequence(Bytes + I, Bytes + I + Length)) {
      Result.append(Text.data() + I, Length);
      I += Length;
      continue;
    }
    Result += "\xEF\xBF\xBD";
    ++I;
  }
  return Result;
}

} // namespace

std::string normalizeWhitespace(llvm::StringRef Line) {
  std::string Text = validUtf8(Line);
  std::string Result;
  bool PendingSpace = false;
  for (char C : Text) {
    if (llvm::isSpace(C)) {
      PendingSpace = !Result.empty();
      continue;
    }
    if (PendingSpace)
      Result += ' ';
    PendingSpace = false;
    Result += C;
  }
  return Result;
}

namespace {

std::string relativeIfUnder(llvm::StringRef File, llvm::StringRef Root) {
  if (Root.empty() || !File.startswith(Root))
    return {};
  llvm::StringRef Rest = File.drop_front(Root.size());
  if (!Root.endswith("/")) {
    if (!Rest.startswith("/"))
      return {};
    Rest = Rest.drop_front();
  }
  return Rest.str();
}

} // namespace

std::string canonicalPath(llvm::StringRef Path, llvm::StringRef Directory) {
  if (Path.empty())
    return "";
  llvm::SmallString<256> Full;
  if (llvm::sys::path::is_absolute(Path)) {
    Full = Path;
  } else {
    Full = Directory;
    llvm::sys::path::append(Full, Path);
  }
  llvm::sys::path::remove_dots(Full, /*remove_dot_dot=*/true);
  llvm::SmallString<256> Real;
  if (!llvm::sys::fs::real_path(Full, Real))
    return std::string(Real);
  return std::string(Full);
}

std::string relativeToRoot(llvm::StringRef File, llvm::StringRef Root) {
  std::string Relative = relativeIfUnder(File, Root);
  if (!Relative.empty())
    return Relative;
  // Through symbolic links: code scanning matches resolved paths.
  llvm::SmallString<256> RealFile, RealRoot;
  if (llvm::sys::fs::real_path(File, RealFile) ||
      llvm::sys::fs::real_path(Root, RealRoot))
    return {};
  return relativeIfUnder(RealFile, RealRoot);
}

std::string reportPath(llvm::StringRef File, llvm::StringRef Root) {
  std::string Relative = relativeToRoot(File, Root);
  return Relative.empty() ? File.str() : Relative;
}

std::vector<std::string> fingerprints(const std::vector<Finding> &Findings,
                                      SourceText &Sources) {
  // Findings of one rule on lines of one file with the same text are told
  // apart by their order in the file.
  std::vector<size_t> Order(Findings.size());
  for (size_t I = 0; I < Order.size(); ++I)
    Order[I] = I;
  std::stable_sort(Order.begin(), Order.end(), [&](size_t A, size_t B) {
    const SourceLocation &L = Findings[A].Where, &R = Findings[B].Where;
    return std::tie(L.File, L.Line, L.Column) <
           std::tie(R.File, R.Line, R.Column);
  });

  std::vector<std::string> Result(Findings.size());
  std::map<std::tuple<std::string, std::string>, unsigned> Occurrences;
  for (size_t I : Order) {
    const Finding &F = Findings[I];
    std::string Text =
        normalizeWhitespace(Sources.line(F.Where.File, F.Where.Line));
    llvm::SHA256 Hash;
    Hash.update(F.Rule);
    Hash.update(llvm::ArrayRef<uint8_t>{0});
    Hash.update(Text);
    std::string Digest =
        llvm::toHex(Hash.final(), /*LowerCase=*/true).substr(0, 16);
    unsigned N = ++Occurrences[{F.Where.File, Digest}];
    Result[I] = Digest + ":" + std::to_string(N);
  }
  return Result;
}

ReportCounts countReport(const RunReport &Report) {
  ReportCounts Counts;
  Counts.Units = Report.Units.size();
  Counts.Skipped = Report.Skipped.size();
  for (const TranslationUnitResult &Unit : Report.Units)
    Counts.Analysed += Unit.Analysed;
  for (const Finding &F : Report.Findings) {
    Counts.Warnings += F.Level == Severity::Warning;
    Counts.Errors += F.Level == Severity::Error;
    Counts.Notes += F.Level == Severity::Note;
  }
  return Counts;
}

} // namespace leash
