//===--- UnsafeInventory.cpp - Every place that is marked unsafe ----------===//

#include "UnsafeInventory.h"

#include "RunReport.h"
#include "utils/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/Support/Path.h"

#include <map>

namespace leash {

namespace vocabulary = clang::tidy::leash;

namespace {

class MarkerCollector : public clang::RecursiveASTVisitor<MarkerCollector> {
public:
  MarkerCollector(clang::ASTContext &Context,
                  std::vector<UnsafeMarker> &Markers)
      : SM(Context.getSourceManager()), Markers(Markers) {}

  bool VisitFunctionDecl(clang::FunctionDecl *Function) {
    // Each marker where it is written: on the declaration, the definition,
    // or both (then both are listed, as both carry a reason to audit).
    namespace annotation = vocabulary::annotation;
    for (llvm::StringRef Name : {annotation::Unsafe, annotation::UnsafeApi}) {
      const clang::AnnotateAttr *Attr =
          vocabulary::writtenLeashAnnotation(Function, Name);
      if (!Attr)
        continue;
      auto Reason = vocabulary::annotationArgument(Attr);
      add(Name == annotation::Unsafe ? "function" : "api",
          Function->getQualifiedNameAsString(), Reason.value_or(""),
          Function->getLocation());
    }
    return true;
  }

  bool VisitIfStmt(clang::IfStmt *If) {
    if (!vocabulary::isUnsafeBlock(If))
      return true;
    add("block", ownerName(If), vocabulary::unsafeBlockReason(If).value_or(""),
        If->getBeginLoc());
    return true;
  }

private:
  /// The name of the function a block is in: its marker variable's
  /// declaration context, so that member functions, constructors and
  /// function templates are named as plain functions are; a block in a
  /// lambda is "lambda in 'f'", f being the function the lambda is in.
  static std::string ownerName(const clang::IfStmt *If) {
    const clang::VarDecl *Marker = If->getConditionVariable();
    const auto *Function = llvm::dyn_cast_or_null<clang::FunctionDecl>(
        Marker ? Marker->getDeclContext() : nullptr);
    if (!Function)
      return std::string();
    const auto *Method = llvm::dyn_cast<clang::CXXMethodDecl>(Function);
    if (!Method || !Method->getParent()->isLambda())
      return Function->getQualifiedNameAsString();
    const auto *Outer = llvm::dyn_cast_or_null<clang::FunctionDecl>(
        Method->getParent()->getDeclContext());
    return "lambda in '" +
           (Outer ? Outer->getQualifiedNameAsString() : std::string("?")) + "'";
  }

  void add(std::string Kind, std::string Name, llvm::StringRef Reason,
           clang::SourceLocation Loc) {
    Loc = SM.getExpansionLoc(Loc);
    if (Loc.isInvalid() || SM.isInSystemHeader(Loc))
      return;
    clang::PresumedLoc Presumed = SM.getPresumedLoc(Loc);
    if (Presumed.isInvalid())
      return;
    llvm::SmallString<256> WorkingDirectory;
    llvm::sys::fs::current_path(WorkingDirectory);
    Markers.push_back({std::move(Kind),
                       std::move(Name),
                       Reason.str(),
                       {canonicalPath(Presumed.getFilename(), WorkingDirectory),
                        Presumed.getLine(), Presumed.getColumn()}});
  }

  const clang::SourceManager &SM;
  std::vector<UnsafeMarker> &Markers;
};

class InventoryConsumer : public clang::ASTConsumer {
public:
  explicit InventoryConsumer(std::vector<UnsafeMarker> &Markers)
      : Markers(Markers) {}
  void HandleTranslationUnit(clang::ASTContext &Context) override {
    MarkerCollector(Context, Markers).TraverseAST(Context);
  }

private:
  std::vector<UnsafeMarker> &Markers;
};

/// Counts of markers by kind, for one file or one tier.
struct Counts {
  size_t Functions = 0, Apis = 0, Blocks = 0;
  void add(const UnsafeMarker &M) {
    Functions += M.Kind == "function";
    Apis += M.Kind == "api";
    Blocks += M.Kind == "block";
  }
  nlohmann::json json() const {
    return {{"functions", Functions}, {"unsafeApis", Apis}, {"blocks", Blocks}};
  }
};

void printCount(llvm::raw_ostream &OS, size_t N, llvm::StringRef What) {
  OS << N << ' ' << What << (N == 1 ? "" : "s");
}

void printCounts(llvm::raw_ostream &OS, llvm::StringRef Name, const Counts &C) {
  OS << "  " << Name << ": ";
  printCount(OS, C.Functions, "unsafe function");
  OS << ", ";
  printCount(OS, C.Apis, "unsafe API");
  OS << ", ";
  printCount(OS, C.Blocks, "unsafe block");
  OS << '\n';
}

} // namespace

std::unique_ptr<clang::ASTConsumer>
makeUnsafeInventoryConsumer(std::vector<UnsafeMarker> &Markers) {
  return std::make_unique<InventoryConsumer>(Markers);
}

std::string unsafeTier(llvm::StringRef RelativePath) {
  static constexpr llvm::StringLiteral Tiers[] = {
      "libraries", "kernel", "arch", "chips", "capsules", "boards", "apps"};
  for (auto Part = llvm::sys::path::begin(RelativePath,
                                          llvm::sys::path::Style::posix),
            End = llvm::sys::path::end(RelativePath);
       Part != End; ++Part)
    for (llvm::StringRef Tier : Tiers)
      if (*Part == Tier)
        return Tier.str();
  return "other";
}

void writeUnsafeInventory(const std::vector<UnsafeMarker> &Markers,
                          llvm::StringRef SourceRoot, llvm::raw_ostream &OS) {
  std::map<std::string, Counts> PerFile, PerTier;
  OS << "unsafe inventory: " << Markers.size() << " markers\n";
  for (const UnsafeMarker &M : Markers) {
    std::string File = reportPath(M.Where.File, SourceRoot);
    OS << "  " << File << ':' << M.Where.Line << ':' << M.Where.Column << ": "
       << M.Kind << " '" << M.Name << "'";
    if (!M.Reason.empty())
      OS << ": " << M.Reason;
    OS << '\n';
    PerFile[File].add(M);
    PerTier[unsafeTier(File)].add(M);
  }
  OS << "per file:\n";
  for (const auto &[File, C] : PerFile)
    printCounts(OS, File, C);
  OS << "per tier:\n";
  for (const auto &[Tier, C] : PerTier)
    printCounts(OS, Tier, C);
}

nlohmann::json unsafeInventoryJson(const std::vector<UnsafeMarker> &Markers,
                                   llvm::StringRef SourceRoot) {
  std::map<std::string, Counts> PerFile, PerTier;
  nlohmann::json List = nlohmann::json::array();
  for (const UnsafeMarker &M : Markers) {
    std::string File = reportPath(M.Where.File, SourceRoot);
    std::string Tier = unsafeTier(File);
    List.push_back({{"kind", M.Kind},
                    {"name", M.Name},
                    {"reason", M.Reason},
                    {"file", File},
                    {"line", M.Where.Line},
                    {"column", M.Where.Column},
                    {"tier", Tier}});
    PerFile[File].add(M);
    PerTier[Tier].add(M);
  }
  nlohmann::json Files = nlohmann::json::object(),
                 Tiers = nlohmann::json::object();
  for (const auto &[File, C] : PerFile)
    Files[File] = C.json();
  for (const auto &[Tier, C] : PerTier)
    Tiers[Tier] = C.json();
  return {{"markers", List}, {"perFile", Files}, {"perTier", Tiers}};
}

} // namespace leash
