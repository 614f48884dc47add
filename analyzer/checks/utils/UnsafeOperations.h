//===--- UnsafeOperations.h - The unsafe operations -----------*- C++ -*-===//
///
/// \file
/// The one definition of "unsafe operation" (discipline.md, under
/// leash-unsafe-unmarked) that every check shares: a classifier that names
/// the unsafe operation a statement performs, and a finder that adds what
/// every check needs around it (each operation once, at the template rather
/// than per instantiation; nothing in system headers or compiler-generated
/// code; the expansion location of code inside a macro).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_UNSAFEOPERATIONS_H
#define LEASH_ANALYZER_CHECKS_UTILS_UNSAFEOPERATIONS_H

#include "Vocabulary.h"

#include "clang/AST/ASTContext.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringSet.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace clang::tidy::leash {

/// An object designated by names: a variable (null for `this`), then the
/// fields that lead from it to the object.
using ObjectPath = llvm::SmallVector<const Decl *, 4>;

/// An unsafe operation: what it is and where it is written.
struct UnsafeOperation {
  /// The operation in the discipline's terms, for a message:
  /// "reinterpret_cast", "pointer arithmetic on 'p'", "call to
  /// LEASH_UNSAFE_API function 'raw_data'".
  std::string Description;
  /// Where it is written (possibly inside a macro).
  SourceLocation Location;
};

/// Names the unsafe operation that a statement performs, or none:
/// - `reinterpret_cast`; `const_cast` (every one);
/// - a C-style or functional cast between an integer and a pointer, one
///   that drops `const`, or one that acts as a `reinterpret_cast`;
/// - arithmetic on a raw pointer (`p + n`, `p - q`, `p += n`, `++p`) and
///   subscripting a raw pointer (`p[i]`; subscripting an array or a
///   reference to an array is not);
/// - inline assembly;
/// - a read or write of a volatile object reached through a pointer or a
///   reference (not a volatile object accessed by its own name);
/// - a read of a union member when the same function wrote another member
///   of the same union object earlier in the source;
/// - placement new at a computed address (anything but `&object` or an
///   array's name);
/// - a call to a function or constructor marked LEASH_UNSAFE_API.
///
/// Inside templates it classifies what the pattern shows; dependent
/// operations are classified in the instantiations.
class UnsafeOperationClassifier {
public:
  UnsafeOperationClassifier(ASTContext &Context, UnsafeContext &Places)
      : Context(Context), Places(Places) {}

  /// The unsafe operation \p S performs, or none.
  std::optional<UnsafeOperation> classify(const Stmt *S);

  /// A write to a union object in a function body: to `Member`, or to the
  /// whole object when `Member` is null.
  struct UnionWrite {
    const FieldDecl *Member = nullptr;
    ObjectPath Object;
    SourceLocation Position;
  };

private:
  std::optional<UnsafeOperation> classifyUnionRead(const Expr *Read);
  const std::vector<UnionWrite> &unionWrites(const FunctionDecl *Function);

  ASTContext &Context;
  UnsafeContext &Places;
  llvm::DenseMap<const FunctionDecl *, std::vector<UnionWrite>> Writes;
};

/// What a check reports about one unsafe operation.
struct FoundUnsafeOperation {
  UnsafeOperation Operation;
  /// Where to report it: the written location, or for code inside a macro,
  /// the macro's use.
  SourceLocation ReportLocation;
  /// Whether it is inside a LEASH_UNSAFE function or LEASH_UNSAFE_BLOCK.
  bool InUnsafeContext = false;
};

/// Runs the classifier on the statements a check matched, for one
/// translation unit at a time: reports each operation once (an operation in
/// a template is found in the pattern and again in each instantiation, all
/// at the same place), and never in system headers or compiler-generated
/// code.
class UnsafeOperationFinder {
public:
  /// The statements that may be unsafe operations; checks match these and
  /// bind them to \p Id.
  static std::vector<ast_matchers::StatementMatcher>
  candidates(llvm::StringRef Id);

  /// The unsafe operation \p S is, if it is one not reported before.
  std::optional<FoundUnsafeOperation> find(const Stmt *S, ASTContext &Context);

  /// Whether \p Location (a report location) was already reported with
  /// \p What; records it if not.
  bool firstReport(SourceLocation Location, llvm::StringRef What);

  /// Forgets the translation unit.
  void reset();

private:
  void startTranslationUnit(ASTContext &Context);

  ASTContext *Current = nullptr;
  std::unique_ptr<UnsafeContext> Places;
  std::unique_ptr<UnsafeOperationClassifier> Classifier;
  llvm::StringSet<> Reported;
};

/// The unsafe operations a check reports in one translation unit, gathered
/// by report location: one expression that is two unsafe operations at one
/// place (`reinterpret_cast<Regs *>(a)->data = 1`: a cast and a volatile
/// access) is one finding that names both, not two findings on one spot.
class UnsafeOperationReports {
public:
  /// Records that \p Description happens at \p Location.
  void add(SourceLocation Location, std::string Description);

  /// Calls \p Report once per location, in the order the locations were
  /// first seen, with their descriptions joined ("a and b"); then forgets
  /// them.
  void flush(llvm::function_ref<void(SourceLocation, llvm::StringRef)> Report);

private:
  std::vector<std::pair<SourceLocation, std::vector<std::string>>> Reports;
  llvm::DenseMap<unsigned, size_t> Index;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_UNSAFEOPERATIONS_H
