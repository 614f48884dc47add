//===--- Sharing.cpp - Helpers of the sharing rules -----------------------===//

#include "Sharing.h"

#include "Vocabulary.h"

namespace clang::tidy::leash {

namespace {

/// How many layers of pointers and arrays a declared type is looked
/// through at most: a declared type has few.
constexpr unsigned MaxDeclaratorLayers = 8;

/// How deep into bases, fields and arrays a type is looked through for
/// cells at most.
constexpr unsigned MaxTypeNesting = 8;

/// \p Written without parentheses and outer qualifiers, or a null location.
TypeLoc unwrap(TypeLoc Written) {
  if (Written.isNull())
    return Written;
  Written = Written.IgnoreParens();
  if (auto Qualified = Written.getAs<QualifiedTypeLoc>())
    Written = Qualified.getUnqualifiedLoc().IgnoreParens();
  return Written;
}

bool madeOfCells(QualType Type, const ASTContext &Context, unsigned Depth) {
  if (Depth > MaxTypeNesting || Type.isNull())
    return false;
  Type = Context.getBaseElementType(Type);
  if (isCellType(Type))
    return true;
  if (Type->isDependentType())
    return false;
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (!Record || !Record->hasDefinition())
    return false;
  Record = Record->getDefinition();
  bool Empty = true;
  for (const CXXBaseSpecifier &Base : Record->bases()) {
    if (!madeOfCells(Base.getType(), Context, Depth + 1))
      return false;
    Empty = false;
  }
  for (const FieldDecl *Field : Record->fields()) {
    if (!madeOfCells(Field->getType(), Context, Depth + 1))
      return false;
    Empty = false;
  }
  return !Empty;
}

} // namespace

bool isMadeOfCells(QualType Type, const ASTContext &Context) {
  return madeOfCells(Type, Context, 0);
}

std::optional<MutableComponentAccess>
findMutableComponentAccess(QualType Type, TypeLoc Written,
                           const ASTContext &Context) {
  // Bounded: a declared type has few layers of pointers and arrays.
  for (unsigned Depth = 0; Depth < MaxDeclaratorLayers && !Type.isNull();
       ++Depth) {
    Written = unwrap(Written);
    if (const ArrayType *Array = Context.getAsArrayType(Type)) {
      auto WrittenArray =
          Written.isNull() ? ArrayTypeLoc() : Written.getAs<ArrayTypeLoc>();
      Written = WrittenArray ? WrittenArray.getElementLoc() : TypeLoc();
      Type = Array->getElementType();
      continue;
    }
    QualType Pointee;
    bool IsPointer = false;
    TypeLoc WrittenPointee;
    if (const auto *Reference = Type->getAs<ReferenceType>()) {
      Pointee = Reference->getPointeeType();
      if (!Written.isNull())
        if (auto Loc = Written.getAs<ReferenceTypeLoc>())
          WrittenPointee = Loc.getPointeeLoc();
    } else if (const auto *Pointer = Type->getAs<PointerType>()) {
      Pointee = Pointer->getPointeeType();
      IsPointer = true;
      if (!Written.isNull())
        if (auto Loc = Written.getAs<PointerTypeLoc>())
          WrittenPointee = Loc.getPointeeLoc();
    } else {
      return std::nullopt;
    }
    if (isComponentType(Pointee) &&
        !Pointee.getCanonicalType().isConstQualified()) {
      MutableComponentAccess Access;
      Access.IsPointer = IsPointer;
      Access.Component = recordOf(Pointee);
      if (!WrittenPointee.isNull()) {
        TypeLoc Spelled = WrittenPointee.IgnoreParens();
        if (!Spelled.getAs<QualifiedTypeLoc>())
          Access.ConstInsertion = Spelled.getBeginLoc();
      }
      return Access;
    }
    Type = Pointee;
    Written = WrittenPointee;
  }
  return std::nullopt;
}

bool isInInstantiation(const Decl *D) {
  for (const DeclContext *Context = dyn_cast<DeclContext>(D)
                                        ? dyn_cast<DeclContext>(D)
                                        : D->getDeclContext();
       Context; Context = Context->getParent()) {
    if (const auto *Function = dyn_cast<FunctionDecl>(Context)) {
      if (Function->isTemplateInstantiation())
        return true;
    } else if (const auto *Record = dyn_cast<CXXRecordDecl>(Context)) {
      if (isTemplateInstantiation(Record->getTemplateSpecializationKind()))
        return true;
    }
  }
  return false;
}

bool isOwnCopyOrMove(const FunctionDecl *Function) {
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function))
    return Constructor->isCopyOrMoveConstructor();
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function))
    return Method->isCopyAssignmentOperator() ||
           Method->isMoveAssignmentOperator();
  return false;
}

} // namespace clang::tidy::leash
