//===--- Vocabulary.h - Recognise the leash vocabulary ----------*- C++ -*-===//
///
/// \file
/// How every leash check recognises the vocabulary: by the annotations that
/// the macros of rules/include/leash/annotations.h put on declarations, never
/// by name, so that a project's own annotated types count the same as the
/// vocabulary's. Also the unsafe context of a statement (Rust: whether it is
/// inside an `unsafe fn` or an `unsafe {}` block).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_VOCABULARY_H
#define LEASH_ANALYZER_CHECKS_UTILS_VOCABULARY_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/ASTTypeTraits.h"
#include "clang/AST/Attr.h"
#include "clang/AST/Decl.h"
#include "clang/AST/Stmt.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace clang::tidy::leash {

/// The annotation strings of rules/include/leash/annotations.h: a contract
/// with the vocabulary, spelled once here.
namespace annotation {
inline constexpr llvm::StringLiteral Unsafe = "leash.unsafe";
inline constexpr llvm::StringLiteral UnsafeApi = "leash.unsafe_api";
inline constexpr llvm::StringLiteral UnsafeBlock = "leash.unsafe_block";
inline constexpr llvm::StringLiteral Component = "leash.component";
inline constexpr llvm::StringLiteral Interrupt = "leash.interrupt";
inline constexpr llvm::StringLiteral InFlight = "leash.in_flight";
inline constexpr llvm::StringLiteral Cell = "leash.cell";
inline constexpr llvm::StringLiteral Lease = "leash.lease";
inline constexpr llvm::StringLiteral StaticOnly = "leash.static_only";
inline constexpr llvm::StringLiteral Role = "leash.role";
} // namespace annotation

/// The `[[clang::annotate(Name, ...)]]` attribute on \p D or on any of its
/// redeclarations (a marker on a declaration covers the out-of-line
/// definition, and the other way round), or on the template pattern that
/// \p D was instantiated from; null if there is none.
const AnnotateAttr *findLeashAnnotation(const Decl *D, llvm::StringRef Name);

/// Whether \p D, one of its redeclarations or its template pattern carries
/// the annotation \p Name.
bool hasLeashAnnotation(const Decl *D, llvm::StringRef Name);

/// The annotation \p Name written on \p D itself (not inherited from an
/// earlier declaration, not instantiated): where a marker is spelled.
const AnnotateAttr *writtenLeashAnnotation(const Decl *D, llvm::StringRef Name);

/// The (narrow) string literal written as the annotation's first argument,
/// if it is one: where the argument is spelled.
const StringLiteral *annotationLiteral(const AnnotateAttr *Attr);

/// The string literal given as the annotation's first argument (the "why" of
/// LEASH_UNSAFE, the kind of LEASH_CELL), if any.
std::optional<llvm::StringRef> annotationArgument(const AnnotateAttr *Attr);

/// Whether \p Function is marked LEASH_UNSAFE("why") on any redeclaration.
bool isUnsafeFunction(const FunctionDecl *Function);

/// Whether \p Function is marked LEASH_UNSAFE_API on any redeclaration:
/// calling it is an unsafe operation (Rust: `unsafe fn`).
bool isUnsafeApi(const FunctionDecl *Function);

/// The reason given to LEASH_UNSAFE("why") on \p Function, if it is marked.
std::optional<llvm::StringRef> unsafeReason(const FunctionDecl *Function);

/// The annotated variable of a LEASH_UNSAFE_BLOCK("why"), which is spelled
/// as an `if` whose init-statement declares a variable annotated
/// "leash.unsafe_block"; null if \p If is not an unsafe block.
const VarDecl *unsafeBlockMarker(const IfStmt *If);

/// Whether \p If is a LEASH_UNSAFE_BLOCK; its then-branch is the block.
bool isUnsafeBlock(const IfStmt *If);

/// The reason given to the LEASH_UNSAFE_BLOCK("why") \p If, if it is one.
std::optional<llvm::StringRef> unsafeBlockReason(const IfStmt *If);

/// Whether \p Function is marked LEASH_INTERRUPT on any redeclaration.
bool isInterruptFunction(const FunctionDecl *Function);

/// Whether \p Field is marked LEASH_IN_FLIGHT.
bool isInFlightMember(const FieldDecl *Field);

/// The class declaration behind \p Type, through sugar and cv-qualifiers
/// (not through references, pointers or arrays); for a dependent
/// specialization such as `Lease<T>` inside a template, the class template's
/// pattern. Null if \p Type is not a class type.
const CXXRecordDecl *recordOf(QualType Type);

/// Whether the class \p Record, its template pattern, or any of its bases
/// carries the annotation \p Name.
bool recordHasLeashAnnotation(const CXXRecordDecl *Record,
                              llvm::StringRef Name);

/// Whether \p Type (see recordOf) is a class marked LEASH_COMPONENT, or
/// derived from one.
bool isComponentType(QualType Type);

/// Whether \p Type is a cell: a class marked LEASH_CELL(kind) (Cell,
/// OptionalCell, TakeCell, MapCell, List, ListLink, or a user's own), or
/// derived from one.
bool isCellType(QualType Type);

/// The kind given to LEASH_CELL(kind) on \p Type ("cell", "optional",
/// "take", "map" or "list"), if \p Type is a cell.
std::optional<llvm::StringRef> cellKind(QualType Type);

/// The kinds that LEASH_CELL(kind) takes (rules/vocabulary.md).
llvm::ArrayRef<llvm::StringLiteral> cellKinds();

/// Whether \p Type is a lease: a class marked LEASH_LEASE, or derived from
/// one.
bool isLeaseType(QualType Type);

/// Whether \p Type is a class marked LEASH_STATIC_ONLY, or derived from one.
bool isStaticOnlyType(QualType Type);

/// Whether \p Function implements the vocabulary rather than follows it: a
/// member of a LEASH_CELL or LEASH_LEASE class (the vocabulary's own, or a
/// project's annotated ones). What it does to its object is what its call
/// does to the object at the call site, so checks judge the call, and never
/// report inside such a member on behalf of a caller.
bool isVocabularyImplementation(const FunctionDecl *Function);

/// Answers "is this statement in an unsafe context?" the way the discipline
/// defines it: inside a function marked LEASH_UNSAFE or LEASH_UNSAFE_API (on
/// any redeclaration), including the lambdas written inside it, or inside
/// the block of a LEASH_UNSAFE_BLOCK (which covers the lambdas inside it).
/// Code outside any function (namespace-scope initializers, default member
/// initializers) is never an unsafe context. Also tells compiler-generated
/// code apart from written code.
///
/// Walks the parents of a statement up to its function; the answer for a
/// function is computed once and cached, so build one UnsafeContext per
/// translation unit and reuse it.
class UnsafeContext {
public:
  explicit UnsafeContext(ASTContext &Context) : Context(Context) {}

  /// Whether \p S is in an unsafe context.
  bool isUnsafe(const Stmt *S) { return place(S).Unsafe; }

  /// Whether \p S is compiler-generated code: the body of an implicit or
  /// defaulted function, or the hidden parts of a range-based `for`.
  bool isImplicitCode(const Stmt *S) { return place(S).Implicit; }

  /// The innermost function whose body contains \p S (a lambda's call
  /// operator for a statement inside a lambda), or null.
  const FunctionDecl *enclosingFunction(const Stmt *S) {
    return place(S).Function;
  }

  /// Forgets the cached answers (the AST they describe is gone).
  void clear() { Functions.clear(); }

private:
  /// Where a statement or a function body sits.
  struct Place {
    bool Unsafe = false;
    bool Implicit = false;
    const FunctionDecl *Function = nullptr;
  };

  Place place(const Stmt *S);
  Place walkUp(DynTypedNode Node);
  Place functionPlace(const FunctionDecl *Function);

  ASTContext &Context;
  llvm::DenseMap<const FunctionDecl *, Place> Functions;
};

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_VOCABULARY_H
