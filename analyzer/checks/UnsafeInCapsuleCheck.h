//===--- UnsafeInCapsuleCheck.h - leash-unsafe-in-capsule -------*- C++ -*-===//

#ifndef LEASH_ANALYZER_CHECKS_UNSAFEINCAPSULECHECK_H
#define LEASH_ANALYZER_CHECKS_UNSAFEINCAPSULECHECK_H

#include "utils/UnsafeOperations.h"

#include "clang-tidy/ClangTidyCheck.h"
#include "llvm/ADT/DenseMap.h"

#include <string>
#include <vector>

namespace clang::tidy::leash {

/// Which files are capsule code: those whose absolute path matches one of
/// the globs of the CapsulePaths option. In a glob, `**` matches any
/// characters, `*` and `?` any characters or one character within a path
/// component.
class CapsuleTier {
public:
  /// The option naming the capsule tier, read by leash-unsafe-in-capsule
  /// (and by leash-unsafe-unmarked, which leaves capsules to it).
  static constexpr llvm::StringLiteral OptionName = "CapsulePaths";
  /// Its default: every file under a folder named `capsules`.
  static constexpr llvm::StringLiteral DefaultGlobs = "**/capsules/**";

  /// \p Globs: globs separated by commas or semicolons.
  explicit CapsuleTier(llvm::StringRef Globs);

  /// The CapsulePaths option as leash-unsafe-in-capsule reads it (its own
  /// option, else the global one, else the default), from any check.
  static std::string optionValue(ClangTidyContext *Context);

  /// Whether the file holding \p Location (a file location) is capsule code.
  bool contains(SourceLocation Location, const SourceManager &Sources);

  /// Forgets the files of the translation unit.
  void reset() { Files.clear(); }

private:
  std::vector<std::string> Globs;
  llvm::DenseMap<FileID, bool> Files;
};

/// Whether \p Path matches \p Glob (see CapsuleTier).
bool matchesGlob(llvm::StringRef Glob, llvm::StringRef Path);

/// Finds unsafe code in capsules (the files of the CapsulePaths option): every
/// unsafe operation and every LEASH_UNSAFE marker written there.
/// Full description and options: rules/leash-unsafe-in-capsule.md.
class UnsafeInCapsuleCheck : public ClangTidyCheck {
public:
  /// The check's id.
  static constexpr llvm::StringLiteral Id = "leash-unsafe-in-capsule";

  UnsafeInCapsuleCheck(StringRef Name, ClangTidyContext *Context);
  void storeOptions(ClangTidyOptions::OptionMap &Opts) override;
  void registerMatchers(ast_matchers::MatchFinder *Finder) override;
  void check(const ast_matchers::MatchFinder::MatchResult &Result) override;
  void onEndOfTranslationUnit() override;

private:
  void reportMarker(SourceLocation Location, const std::string &What,
                    const SourceManager &Sources);

  const std::string CapsulePaths;
  CapsuleTier Capsules;
  UnsafeOperationFinder Operations;
  /// This unit's findings on unsafe operations, one per place.
  UnsafeOperationReports Reports;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UNSAFEINCAPSULECHECK_H
