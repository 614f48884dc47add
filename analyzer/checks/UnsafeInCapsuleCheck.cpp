//===--- UnsafeInCapsuleCheck.cpp - leash-unsafe-in-capsule ---------------===//

#include "UnsafeInCapsuleCheck.h"

#include "utils/Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/FileManager.h"
#include "clang/Basic/SourceManager.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// What the check says, after naming what it found.
constexpr llvm::StringLiteral Message =
    "%0 in capsule code; capsules forbid unsafe code, marked or not: move it "
    "behind a safe interface outside the capsule tier";

/// Glob matching by memoised recursion over (glob offset, path offset).
class GlobMatcher {
public:
  GlobMatcher(llvm::StringRef Glob, llvm::StringRef Path)
      : Glob(Glob), Path(Path),
        Memo((Glob.size() + 1) * (Path.size() + 1), Unknown) {}

  bool match(size_t G, size_t P) {
    signed char &Known = Memo[G * (Path.size() + 1) + P];
    if (Known == Unknown)
      Known = compute(G, P) ? 1 : 0;
    return Known == 1;
  }

private:
  static constexpr signed char Unknown = -1;

  bool compute(size_t G, size_t P) {
    if (G == Glob.size())
      return P == Path.size();
    if (Glob[G] == '*' && G + 1 < Glob.size() && Glob[G + 1] == '*') {
      size_t After = G;
      while (After < Glob.size() && Glob[After] == '*')
        ++After;
      // `**/` also matches no folder at all.
      if (After < Glob.size() && Glob[After] == '/' && match(After + 1, P))
        return true;
      for (size_t Q = P; Q <= Path.size(); ++Q)
        if (match(After, Q))
          return true;
      return false;
    }
    if (Glob[G] == '*') {
      for (size_t Q = P; Q <= Path.size(); ++Q) {
        if (match(G + 1, Q))
          return true;
        if (Q < Path.size() && Path[Q] == '/')
          return false;
      }
      return false;
    }
    if (P == Path.size())
      return false;
    if (Glob[G] == '?')
      return Path[P] != '/' && match(G + 1, P + 1);
    return Glob[G] == Path[P] && match(G + 1, P + 1);
  }

  llvm::StringRef Glob;
  llvm::StringRef Path;
  std::vector<signed char> Memo;
};

} // namespace

bool matchesGlob(llvm::StringRef Glob, llvm::StringRef Path) {
  return GlobMatcher(Glob, Path).match(0, 0);
}

CapsuleTier::CapsuleTier(llvm::StringRef Globs) {
  while (!Globs.empty()) {
    size_t Separator = Globs.find_first_of(",;");
    llvm::StringRef Glob = Globs.take_front(Separator).trim();
    if (!Glob.empty())
      this->Globs.push_back(Glob.str());
    Globs = Separator == llvm::StringRef::npos
                ? llvm::StringRef()
                : Globs.drop_front(Separator + 1);
  }
}

std::string CapsuleTier::optionValue(ClangTidyContext *Context) {
  ClangTidyCheck::OptionsView Options(
      UnsafeInCapsuleCheck::Id, Context->getOptions().CheckOptions, Context);
  return Options.getLocalOrGlobal(OptionName, DefaultGlobs).str();
}

bool CapsuleTier::contains(SourceLocation Location,
                           const SourceManager &Sources) {
  if (Location.isInvalid() || Globs.empty())
    return false;
  FileID File = Sources.getFileID(Sources.getExpansionLoc(Location));
  auto [Entry, Inserted] = Files.try_emplace(File, false);
  if (!Inserted)
    return Entry->second;
  const FileEntry *Found = Sources.getFileEntryForID(File);
  if (!Found)
    return false;
  llvm::SmallString<256> Path(Found->getName());
  Sources.getFileManager().makeAbsolutePath(Path);
  llvm::sys::path::remove_dots(Path, /*remove_dot_dot=*/true);
  llvm::sys::path::native(Path, llvm::sys::path::Style::posix);
  bool InTier = llvm::any_of(
      Globs, [&](const std::string &Glob) { return matchesGlob(Glob, Path); });
  Files[File] = InTier;
  return InTier;
}

UnsafeInCapsuleCheck::UnsafeInCapsuleCheck(StringRef Name,
                                           ClangTidyContext *Context)
    : ClangTidyCheck(Name, Context),
      CapsulePaths(Options.getLocalOrGlobal(CapsuleTier::OptionName,
                                            CapsuleTier::DefaultGlobs)),
      Capsules(CapsulePaths) {}

void UnsafeInCapsuleCheck::storeOptions(ClangTidyOptions::OptionMap &Opts) {
  Options.store(Opts, CapsuleTier::OptionName, CapsulePaths);
}

void UnsafeInCapsuleCheck::registerMatchers(MatchFinder *Finder) {
  for (const auto &Candidate : UnsafeOperationFinder::candidates("operation"))
    Finder->addMatcher(Candidate, this);
  Finder->addMatcher(functionDecl(hasAttr(attr::Annotate)).bind("function"),
                     this);
  // LEASH_UNSAFE_BLOCK declares its marker as the `if`'s condition (or, in
  // the older spelling, its init-statement).
  Finder->addMatcher(ifStmt(anyOf(hasConditionVariableStatement(declStmt()),
                                  hasInitStatement(declStmt())))
                         .bind("if"),
                     this);
}

void UnsafeInCapsuleCheck::reportMarker(SourceLocation Location,
                                        const std::string &What,
                                        const SourceManager &Sources) {
  SourceLocation Where = Sources.getExpansionLoc(Location);
  if (Sources.isInSystemHeader(Where) || !Capsules.contains(Where, Sources) ||
      !Operations.firstReport(Where, What))
    return;
  diag(Where, Message) << What;
}

void UnsafeInCapsuleCheck::check(const MatchFinder::MatchResult &Result) {
  const SourceManager &Sources = *Result.SourceManager;
  if (const auto *S = Result.Nodes.getNodeAs<Stmt>("operation")) {
    // Cheap test first: most statements are not in a capsule.
    if (!Capsules.contains(S->getBeginLoc(), Sources))
      return;
    if (auto Found = Operations.find(S, *Result.Context))
      if (Capsules.contains(Found->ReportLocation, Sources))
        Reports.add(Found->ReportLocation, Found->Operation.Description);
    return;
  }
  if (const auto *Function = Result.Nodes.getNodeAs<FunctionDecl>("function")) {
    std::string Name = Function->getNameAsString();
    if (writtenLeashAnnotation(Function, annotation::UnsafeApi))
      reportMarker(Function->getLocation(),
                   "LEASH_UNSAFE_API function '" + Name + "'", Sources);
    if (writtenLeashAnnotation(Function, annotation::Unsafe))
      reportMarker(Function->getLocation(),
                   "LEASH_UNSAFE function '" + Name + "'", Sources);
    return;
  }
  if (const auto *If = Result.Nodes.getNodeAs<IfStmt>("if"))
    if (isUnsafeBlock(If))
      reportMarker(If->getBeginLoc(), "LEASH_UNSAFE_BLOCK", Sources);
}

void UnsafeInCapsuleCheck::onEndOfTranslationUnit() {
  Reports.flush([this](SourceLocation Where, StringRef What) {
    diag(Where, Message) << What;
  });
  Operations.reset();
  Capsules.reset();
}

} // namespace clang::tidy::leash
