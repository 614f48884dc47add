//===--- Vocabulary.cpp - Recognise the leash vocabulary ------------------===//

#include "Vocabulary.h"
#include "AstWalk.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/DeclTemplate.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"

namespace clang::tidy::leash {

namespace {

/// How deep into base classes (and template patterns) an annotation is
/// looked for at most.
constexpr unsigned MaxBaseDepth = 32;

/// The annotation \p Name among the attributes of \p D itself.
const AnnotateAttr *ownAnnotation(const Decl *D, llvm::StringRef Name) {
  for (const auto *Attr : D->specific_attrs<AnnotateAttr>())
    if (Attr->getAnnotation() == Name)
      return Attr;
  return nullptr;
}

/// The annotation \p Name on any redeclaration of \p D.
const AnnotateAttr *redeclarationAnnotation(const Decl *D,
                                            llvm::StringRef Name) {
  for (const Decl *Redeclaration : D->redecls())
    if (const AnnotateAttr *Attr = ownAnnotation(Redeclaration, Name))
      return Attr;
  return nullptr;
}

/// The declaration that \p D was instantiated from, or null.
const Decl *templatePattern(const Decl *D) {
  if (const auto *Function = dyn_cast<FunctionDecl>(D))
    return Function->getTemplateInstantiationPattern(
        /*ForDefinition=*/false);
  if (const auto *Record = dyn_cast<CXXRecordDecl>(D))
    return Record->getTemplateInstantiationPattern();
  if (const auto *Var = dyn_cast<VarDecl>(D))
    return Var->getTemplateInstantiationPattern();
  return nullptr;
}

/// Whether \p D is an instantiation of a template (its attributes are copies
/// of the pattern's).
bool isInstantiation(const Decl *D) {
  if (const auto *Function = dyn_cast<FunctionDecl>(D))
    return Function->isTemplateInstantiation();
  if (const auto *Record = dyn_cast<CXXRecordDecl>(D))
    return isTemplateInstantiation(Record->getTemplateSpecializationKind());
  if (const auto *Var = dyn_cast<VarDecl>(D))
    return isTemplateInstantiation(Var->getTemplateSpecializationKind());
  return false;
}

/// The annotation \p Name on \p Record, its pattern or its bases.
const AnnotateAttr *recordAnnotation(const CXXRecordDecl *Record,
                                     llvm::StringRef Name, unsigned Depth) {
  if (!Record || Depth > MaxBaseDepth)
    return nullptr;
  if (const AnnotateAttr *Attr = findLeashAnnotation(Record, Name))
    return Attr;
  const CXXRecordDecl *Definition = Record->getDefinition();
  if (!Definition)
    return nullptr;
  for (const CXXBaseSpecifier &Base : Definition->bases())
    if (const CXXRecordDecl *BaseRecord = recordOf(Base.getType());
        BaseRecord && BaseRecord != Record)
      if (const AnnotateAttr *Attr =
              recordAnnotation(BaseRecord, Name, Depth + 1))
        return Attr;
  return nullptr;
}

/// Whether \p Function is the call operator of a lambda.
bool isLambdaBody(const FunctionDecl *Function) {
  const auto *Method = dyn_cast<CXXMethodDecl>(Function);
  return Method && Method->getParent()->isLambda();
}

} // namespace

const AnnotateAttr *findLeashAnnotation(const Decl *D, llvm::StringRef Name) {
  if (!D)
    return nullptr;
  if (const AnnotateAttr *Attr = redeclarationAnnotation(D, Name))
    return Attr;
  const Decl *Pattern = templatePattern(D);
  if (Pattern && Pattern != D)
    return redeclarationAnnotation(Pattern, Name);
  return nullptr;
}

bool hasLeashAnnotation(const Decl *D, llvm::StringRef Name) {
  return findLeashAnnotation(D, Name) != nullptr;
}

const AnnotateAttr *writtenLeashAnnotation(const Decl *D,
                                           llvm::StringRef Name) {
  if (!D || D->isImplicit() || isInstantiation(D))
    return nullptr;
  const AnnotateAttr *Attr = ownAnnotation(D, Name);
  if (!Attr || Attr->isInherited() || Attr->isImplicit())
    return nullptr;
  return Attr;
}

const StringLiteral *annotationLiteral(const AnnotateAttr *Attr) {
  if (!Attr || Attr->args_size() == 0)
    return nullptr;
  const Expr *Argument = (*Attr->args_begin())->IgnoreParenImpCasts();
  if (const auto *Constant = dyn_cast<ConstantExpr>(Argument))
    Argument = Constant->getSubExpr()->IgnoreParenImpCasts();
  const auto *Literal = dyn_cast<StringLiteral>(Argument);
  if (!Literal || Literal->getCharByteWidth() != 1)
    return nullptr;
  return Literal;
}

std::optional<llvm::StringRef> annotationArgument(const AnnotateAttr *Attr) {
  if (const StringLiteral *Literal = annotationLiteral(Attr))
    return Literal->getString();
  return std::nullopt;
}

bool isUnsafeFunction(const FunctionDecl *Function) {
  return hasLeashAnnotation(Function, annotation::Unsafe);
}

bool isUnsafeApi(const FunctionDecl *Function) {
  return hasLeashAnnotation(Function, annotation::UnsafeApi);
}

std::optional<llvm::StringRef> unsafeReason(const FunctionDecl *Function) {
  return annotationArgument(findLeashAnnotation(Function, annotation::Unsafe));
}

const VarDecl *unsafeBlockMarker(const IfStmt *If) {
  if (!If)
    return nullptr;
  // The vocabulary declares the marker as the condition (`if (const bool
  // m = true)`, valid from C++11 on); an init-statement (`if (constexpr
  // bool m = true; m)`, C++17) is recognised too.
  const VarDecl *Var = If->getConditionVariable();
  if (!Var)
    if (const auto *Init = dyn_cast_or_null<DeclStmt>(If->getInit());
        Init && Init->isSingleDecl())
      Var = dyn_cast<VarDecl>(Init->getSingleDecl());
  if (!Var || !ownAnnotation(Var, annotation::UnsafeBlock))
    return nullptr;
  return Var;
}

bool isUnsafeBlock(const IfStmt *If) { return unsafeBlockMarker(If); }

std::optional<llvm::StringRef> unsafeBlockReason(const IfStmt *If) {
  const VarDecl *Marker = unsafeBlockMarker(If);
  if (!Marker)
    return std::nullopt;
  return annotationArgument(ownAnnotation(Marker, annotation::UnsafeBlock));
}

bool isInterruptFunction(const FunctionDecl *Function) {
  return hasLeashAnnotation(Function, annotation::Interrupt);
}

bool isInFlightMember(const FieldDecl *Field) {
  return hasLeashAnnotation(Field, annotation::InFlight);
}

const CXXRecordDecl *recordOf(QualType Type) {
  if (Type.isNull())
    return nullptr;
  if (const CXXRecordDecl *Record = Type->getAsCXXRecordDecl())
    return Record;
  if (const auto *Specialization = Type->getAs<TemplateSpecializationType>())
    if (const auto *Template = dyn_cast_or_null<ClassTemplateDecl>(
            Specialization->getTemplateName().getAsTemplateDecl()))
      return Template->getTemplatedDecl();
  return nullptr;
}

bool recordHasLeashAnnotation(const CXXRecordDecl *Record,
                              llvm::StringRef Name) {
  return recordAnnotation(Record, Name, 0) != nullptr;
}

bool isComponentType(QualType Type) {
  return recordHasLeashAnnotation(recordOf(Type), annotation::Component);
}

bool isCellType(QualType Type) {
  return recordHasLeashAnnotation(recordOf(Type), annotation::Cell);
}

std::optional<llvm::StringRef> cellKind(QualType Type) {
  return annotationArgument(
      recordAnnotation(recordOf(Type), annotation::Cell, 0));
}

llvm::ArrayRef<llvm::StringLiteral> cellKinds() {
  static constexpr llvm::StringLiteral Kinds[] = {"cell", "optional", "take",
                                                  "map", "list"};
  return Kinds;
}

bool isLeaseType(QualType Type) {
  return recordHasLeashAnnotation(recordOf(Type), annotation::Lease);
}

bool isStaticOnlyType(QualType Type) {
  return recordHasLeashAnnotation(recordOf(Type), annotation::StaticOnly);
}

bool isVocabularyImplementation(const FunctionDecl *Function) {
  const auto *Method = dyn_cast_or_null<CXXMethodDecl>(Function);
  if (!Method)
    return false;
  QualType Class(Method->getParent()->getTypeForDecl(), 0);
  return isLeaseType(Class) || isCellType(Class);
}

UnsafeContext::Place UnsafeContext::place(const Stmt *S) {
  if (!S)
    return {};
  return walkUp(DynTypedNode::create(*S));
}

UnsafeContext::Place UnsafeContext::walkUp(DynTypedNode Node) {
  bool InUnsafeBlock = false;
  bool InHiddenCode = false;
  // Bounded: a parent chain is never longer than the nesting of the code.
  for (unsigned Depth = 0; Depth < MaxNestingDepth; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      break;
    const DynTypedNode &Parent = Parents[0];
    const Stmt *Child = Node.get<Stmt>();
    if (const auto *If = Parent.get<IfStmt>()) {
      if (Child && Child == If->getThen() && isUnsafeBlock(If))
        InUnsafeBlock = true;
    } else if (const auto *For = Parent.get<CXXForRangeStmt>()) {
      // Written by the user: the init-statement, the range (inside the
      // hidden `__range` variable's statement) and the body; the rest is
      // the compiler's expansion (`__begin != __end`, `++__begin`, ...).
      if (Child && Child != For->getInit() && Child != For->getRangeStmt() &&
          Child != For->getBody())
        InHiddenCode = true;
    } else if (const auto *Function = Parent.get<FunctionDecl>()) {
      Place Result = functionPlace(Function);
      Result.Unsafe = Result.Unsafe || InUnsafeBlock;
      Result.Implicit = Result.Implicit || InHiddenCode;
      return Result;
    }
    Node = Parent;
  }
  Place Result;
  Result.Unsafe = InUnsafeBlock;
  Result.Implicit = InHiddenCode;
  return Result;
}

UnsafeContext::Place
UnsafeContext::functionPlace(const FunctionDecl *Function) {
  if (auto Found = Functions.find(Function); Found != Functions.end())
    return Found->second;
  Place Result;
  Result.Function = Function;
  Result.Implicit = Function->isImplicit() || Function->isDefaulted();
  if (isUnsafeFunction(Function) || isUnsafeApi(Function)) {
    Result.Unsafe = true;
  } else if (isLambdaBody(Function)) {
    // A lambda is unsafe context when the code it is written in is.
    Place Outer = walkUp(DynTypedNode::create(*Function));
    Result.Unsafe = Outer.Unsafe;
    Result.Implicit = Result.Implicit || Outer.Implicit;
  }
  Functions[Function] = Result;
  return Result;
}

} // namespace clang::tidy::leash
