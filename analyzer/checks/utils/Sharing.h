//===--- Sharing.h - Helpers of the sharing rules ---------------*- C++ -*-===//
///
/// \file
/// What the sharing rules (components, cells, globals) have in common: how a
/// declared type reaches a component without `const`, and where a `const` in
/// its spelling would go.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_SHARING_H
#define LEASH_ANALYZER_CHECKS_UTILS_SHARING_H

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/AST/TypeLoc.h"

#include <optional>

namespace clang::tidy::leash {

/// A non-const reference or pointer to a component found inside a type.
struct MutableComponentAccess {
  /// Whether the access is a pointer (otherwise a reference).
  bool IsPointer = false;
  /// The component class the access reaches (possibly derived from the
  /// class that carries LEASH_COMPONENT).
  const CXXRecordDecl *Component = nullptr;
  /// Where the pointee type is spelled, if it could be followed through the
  /// written type: inserting `const ` there fixes the access. Invalid when
  /// the type comes through an alias or is not written.
  SourceLocation ConstInsertion;
};

/// The first non-const reference or pointer to a component in \p Type
/// (looking through arrays, and through pointers and references to pointers:
/// `Component *`, `Component &`, `Component *const &`, `Component *[4]`),
/// or none. \p Written is the type as written, used to find where `const`
/// goes; it may be null. A template parameter is never a component; a
/// specialization of a component class template always is.
std::optional<MutableComponentAccess>
findMutableComponentAccess(QualType Type, TypeLoc Written,
                           const ASTContext &Context);

/// Whether \p Type is a cell (see isCellType), an array of cells, or a
/// class whose every base and data member is made of cells (such as
/// `std::array<leash::Cell<int>, 4>`, or a struct of cells): an object that
/// can change only through cells.
bool isMadeOfCells(QualType Type, const ASTContext &Context);

/// Whether \p D is, or is inside, an instantiation of a template (a
/// function or class template specialization made by the compiler): the
/// template itself is where a declaration is written and reported.
bool isInInstantiation(const Decl *D);

/// Whether \p Method is one of its class's own copy or move operations
/// (constructor or assignment), whose parameter and result name the class
/// itself by non-const reference by nature.
bool isOwnCopyOrMove(const FunctionDecl *Function);

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_SHARING_H
