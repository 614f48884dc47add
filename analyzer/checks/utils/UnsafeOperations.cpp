//===--- UnsafeOperations.cpp - The discipline's unsafe operations --------===//

#include "UnsafeOperations.h"
#include "MessageText.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/Expr.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/RecursiveASTVisitor.h"
#include "clang/AST/Stmt.h"
#include "clang/Basic/SourceManager.h"

#include <algorithm>

namespace clang::tidy::leash {

namespace {

/// How many steps (parentheses, qualifications, dereferences, member
/// accesses) lead at most from a glvalue down to how it reaches its object.
constexpr unsigned MaxIndirectionSteps = 64;

/// How many steps an object path (`s.u.a`, `u.arr[1]`) has at most.
constexpr unsigned MaxPathSteps = 32;

/// How many levels of pointers a cast is compared through at most.
constexpr unsigned MaxPointerLevels = 16;

/// The name an expression designates, for messages: a variable, a member,
/// `this`, or a called function (`data()`); empty for anything else.
std::string nameOf(const Expr *E) {
  if (!E)
    return {};
  E = E->IgnoreParenImpCasts();
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E))
    return Reference->getDecl()->getNameAsString();
  if (const auto *Member = dyn_cast<MemberExpr>(E))
    return Member->getMemberDecl()->getNameAsString();
  if (isa<CXXThisExpr>(E))
    return "this";
  if (const auto *Call = dyn_cast<CallExpr>(E))
    if (const FunctionDecl *Callee = Call->getDirectCallee())
      return Callee->getNameAsString() + "()";
  return {};
}

/// `What`, followed by "Preposition 'Name'" when there is a name:
/// "pointer arithmetic on 'p'".
std::string describe(llvm::StringRef What, llvm::StringRef Preposition,
                     const std::string &Name) {
  std::string Result = What.str();
  if (Name.empty())
    return Result;
  if (!Preposition.empty())
    Result += " " + Preposition.str();
  return Result + " '" + Name + "'";
}

/// `E` without parentheses and without implicit casts that only add
/// qualifiers; value conversions (lvalue-to-rvalue, decay) stay.
const Expr *ignoreParensAndQualification(const Expr *E) {
  while (true) {
    E = E->IgnoreParens();
    const auto *Cast = dyn_cast<ImplicitCastExpr>(E);
    if (!Cast || Cast->getCastKind() != CK_NoOp)
      return E;
    E = Cast->getSubExpr();
  }
}

/// Whether `E` is an array converted to a pointer (`array` in `array[i]`
/// or `array + 1`), also when the array type is dependent.
bool isDecayedArray(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(E))
    if (Cast->getCastKind() == CK_ArrayToPointerDecay)
      return true;
  return E->getType()->isArrayType();
}

/// Whether `Type` is a raw pointer to an object or a function.
bool isRawPointer(QualType Type) {
  return !Type.isNull() && Type->isPointerType();
}

/// Pointer arithmetic or pointer subscripting by \p S, if any.
std::optional<std::string> pointerArithmetic(const Stmt *S) {
  if (const auto *Binary = dyn_cast<BinaryOperator>(S)) {
    switch (Binary->getOpcode()) {
    case BO_Add:
    case BO_Sub:
    case BO_AddAssign:
    case BO_SubAssign:
      break;
    default:
      return std::nullopt;
    }
    // `array + n` names an element of the array, as `&array[n]` does (and
    // subscripting an array is not pointer arithmetic).
    for (const Expr *Operand : {Binary->getLHS(), Binary->getRHS()})
      if (isRawPointer(Operand->getType()) && !isDecayedArray(Operand))
        return describe("pointer arithmetic", "on", nameOf(Operand));
    return std::nullopt;
  }
  if (const auto *Unary = dyn_cast<UnaryOperator>(S)) {
    if (Unary->isIncrementDecrementOp() &&
        isRawPointer(Unary->getSubExpr()->getType()))
      return describe("pointer arithmetic", "on", nameOf(Unary->getSubExpr()));
    return std::nullopt;
  }
  if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(S)) {
    const Expr *Base = Subscript->getBase();
    if (!isDecayedArray(Base) && isRawPointer(Base->getType()))
      return describe("subscript of raw pointer", "", nameOf(Base));
    return std::nullopt;
  }
  // Inside a template, an operator whose operands are dependent is an
  // unresolved call; a raw pointer operand still makes it arithmetic.
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(S)) {
    if (!isa<UnresolvedLookupExpr>(Operator->getCallee()->IgnoreImpCasts()))
      return std::nullopt;
    switch (Operator->getOperator()) {
    case OO_Plus:
    case OO_Minus:
    case OO_PlusEqual:
    case OO_MinusEqual:
    case OO_PlusPlus:
    case OO_MinusMinus:
      for (const Expr *Argument : Operator->arguments())
        if (isRawPointer(Argument->getType()))
          return describe("pointer arithmetic", "on", nameOf(Argument));
      return std::nullopt;
    case OO_Subscript:
      if (isRawPointer(Operator->getArg(0)->getType()) &&
          !isDecayedArray(Operator->getArg(0)))
        return describe("subscript of raw pointer", "",
                        nameOf(Operator->getArg(0)));
      return std::nullopt;
    default:
      return std::nullopt;
    }
  }
  return std::nullopt;
}

/// Whether converting \p From to \p To removes a `const` at some level of
/// indirection (`const int *` to `int *`, `const T &` to `T &`).
bool dropsConst(QualType From, QualType To) {
  if (To->isReferenceType()) {
    // A cast to a reference reinterprets the operand, an lvalue of `From`.
    if (From.isConstQualified() && !To->getPointeeType().isConstQualified())
      return true;
    From = From.getNonReferenceType();
    To = To->getPointeeType();
  }
  for (unsigned Level = 0; Level < MaxPointerLevels; ++Level) {
    QualType FromPointee, ToPointee;
    if (From->isPointerType() && To->isPointerType()) {
      FromPointee = From->getPointeeType();
      ToPointee = To->getPointeeType();
    } else if (From->isMemberPointerType() && To->isMemberPointerType()) {
      FromPointee = From->getPointeeType();
      ToPointee = To->getPointeeType();
    } else {
      return false;
    }
    if (FromPointee.isConstQualified() && !ToPointee.isConstQualified())
      return true;
    From = FromPointee;
    To = ToPointee;
  }
  return false;
}

/// Whether the cast \p Cast, or an implicit step under it, reinterprets
/// one pointer or reference type as another (what a C-style cast does when
/// it acts as `reinterpret_cast`).
bool reinterpretsPointer(const ExplicitCastExpr *Cast) {
  const Expr *Written = Cast->getSubExprAsWritten();
  for (const Expr *Step = Cast; Step && Step != Written;) {
    const auto *StepCast = dyn_cast<CastExpr>(Step);
    if (!StepCast)
      break;
    switch (StepCast->getCastKind()) {
    case CK_LValueBitCast:
    case CK_ReinterpretMemberPointer:
      return true;
    case CK_BitCast: {
      QualType From = StepCast->getSubExpr()->getType();
      QualType To = StepCast->getType();
      if (!From->isPointerType() || !To->isPointerType())
        break;
      // To or from `void *` is a static_cast, except for function pointers.
      QualType FromPointee = From->getPointeeType();
      QualType ToPointee = To->getPointeeType();
      if (FromPointee->isFunctionType() || ToPointee->isFunctionType() ||
          (!FromPointee->isVoidType() && !ToPointee->isVoidType()))
        return true;
      break;
    }
    default:
      break;
    }
    Step = StepCast->getSubExpr();
  }
  return false;
}

/// The unsafe operation of a cast, if any.
std::optional<std::string> unsafeCast(const ExplicitCastExpr *Cast,
                                      ASTContext &Context) {
  if (isa<CXXReinterpretCastExpr>(Cast))
    return std::string("reinterpret_cast");
  if (isa<CXXConstCastExpr>(Cast))
    return std::string("const_cast");
  if (!isa<CStyleCastExpr>(Cast) && !isa<CXXFunctionalCastExpr>(Cast))
    return std::nullopt;
  const Expr *Operand = Cast->getSubExprAsWritten();
  QualType From = Operand->getType();
  QualType To = Cast->getTypeAsWritten();
  if (From.isNull() || To.isNull() || From->isDependentType() ||
      To->isDependentType())
    return std::nullopt;
  if (From->isArrayType() || From->isFunctionType())
    From = Context.getDecayedType(From);
  if (To->isPointerType() && From->isIntegralOrEnumerationType() &&
      !Operand->isNullPointerConstant(Context,
                                      Expr::NPC_ValueDependentIsNotNull))
    return std::string("cast from integer to pointer");
  if (From->isPointerType() && To->isIntegralOrEnumerationType() &&
      !To->isBooleanType())
    return std::string("cast from pointer to integer");
  const char *Spelling =
      isa<CStyleCastExpr>(Cast) ? "C-style cast" : "functional cast";
  if (dropsConst(From, To))
    return std::string(Spelling) + " that drops const";
  if (reinterpretsPointer(Cast))
    return std::string(Spelling) + " that acts as reinterpret_cast";
  return std::nullopt;
}

/// How a volatile object is reached.
enum class Indirection { None, Pointer, Reference };

/// How the glvalue \p E reaches its object, and the name of the pointer or
/// reference it goes through.
Indirection indirectionOf(const Expr *E, std::string &Through) {
  for (unsigned Depth = 0; Depth < MaxIndirectionSteps; ++Depth) {
    E = ignoreParensAndQualification(E);
    if (const auto *Unary = dyn_cast<UnaryOperator>(E)) {
      if (Unary->getOpcode() != UO_Deref)
        return Indirection::None;
      Through = nameOf(Unary->getSubExpr());
      return Indirection::Pointer;
    }
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (isDecayedArray(Subscript->getBase())) {
        E = Subscript->getBase()->IgnoreParenImpCasts();
        continue;
      }
      Through = nameOf(Subscript->getBase());
      return Indirection::Pointer;
    }
    if (const auto *Member = dyn_cast<MemberExpr>(E)) {
      if (Member->getMemberDecl()->getType()->isReferenceType()) {
        Through = Member->getMemberDecl()->getNameAsString();
        return Indirection::Reference;
      }
      if (Member->isArrow()) {
        // A member named inside its own class (`status_`, the implicit
        // `this->status_`) is reached by its own name.
        if (const auto *This =
                dyn_cast<CXXThisExpr>(Member->getBase()->IgnoreParenImpCasts());
            This && This->isImplicit())
          return Indirection::None;
        Through = nameOf(Member->getBase());
        return Indirection::Pointer;
      }
      E = Member->getBase();
      continue;
    }
    if (const auto *Reference = dyn_cast<DeclRefExpr>(E)) {
      const auto *Var = dyn_cast<VarDecl>(Reference->getDecl());
      if (Var && Var->getType()->isReferenceType()) {
        Through = Var->getNameAsString();
        return Indirection::Reference;
      }
      return Indirection::None;
    }
    if (const auto *Call = dyn_cast<CallExpr>(E)) {
      // A call that yields a glvalue returns a reference.
      Through = nameOf(Call);
      return Indirection::Reference;
    }
    if (const auto *Conditional = dyn_cast<AbstractConditionalOperator>(E)) {
      // `c ? *p : x` reaches its object through `p` on one branch.
      Indirection Via = indirectionOf(Conditional->getTrueExpr(), Through);
      if (Via != Indirection::None)
        return Via;
      E = Conditional->getFalseExpr();
      continue;
    }
    if (const auto *Binary = dyn_cast<BinaryOperator>(E)) {
      if (Binary->getOpcode() != BO_Comma)
        return Indirection::None;
      E = Binary->getRHS();
      continue;
    }
    if (const auto *Cast = dyn_cast<ExplicitCastExpr>(E)) {
      if (Cast->getTypeAsWritten()->isReferenceType()) {
        Through.clear();
        return Indirection::Reference;
      }
      E = Cast->getSubExpr();
      continue;
    }
    return Indirection::None;
  }
  return Indirection::None;
}

/// A read or write of a volatile object through a pointer or reference by
/// the access of \p Accessed, if it is one.
std::optional<std::string> volatileAccess(const Expr *Accessed) {
  if (!Accessed->getType().isVolatileQualified())
    return std::nullopt;
  std::string Through;
  Indirection Via = indirectionOf(Accessed, Through);
  if (Via == Indirection::None)
    return std::nullopt;
  std::string Description = "volatile access";
  const Expr *Stripped = ignoreParensAndQualification(Accessed);
  if (const auto *Member = dyn_cast<MemberExpr>(Stripped)) {
    std::string Name = Member->getMemberDecl()->getNameAsString();
    if (Name != Through || Via != Indirection::Reference)
      Description = describe(Description, "to", Name);
  }
  Description +=
      Via == Indirection::Pointer ? " through pointer" : " through reference";
  if (!Through.empty())
    Description += " '" + Through + "'";
  return Description;
}

/// The accessed glvalue of a read or write that \p S performs, if any:
/// the operand of an lvalue-to-rvalue conversion (a read), the left side
/// of an assignment, or the operand of `++`/`--` (writes).
const Expr *accessedGlvalue(const Stmt *S) {
  if (const auto *Cast = dyn_cast<ImplicitCastExpr>(S))
    return Cast->getCastKind() == CK_LValueToRValue ? Cast->getSubExpr()
                                                    : nullptr;
  if (const auto *Binary = dyn_cast<BinaryOperator>(S))
    return Binary->isAssignmentOp() ? Binary->getLHS() : nullptr;
  if (const auto *Unary = dyn_cast<UnaryOperator>(S))
    return Unary->isIncrementDecrementOp() ? Unary->getSubExpr() : nullptr;
  return nullptr;
}

/// Whether `E` names an object: a variable, or a member of a named object
/// or of `*this`.
bool isNamedObject(const Expr *E) {
  E = E->IgnoreParens();
  if (const auto *Reference = dyn_cast<DeclRefExpr>(E))
    return isa<VarDecl>(Reference->getDecl());
  if (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const Expr *Base = Member->getBase()->IgnoreParenImpCasts();
    if (Member->isArrow())
      return isa<CXXThisExpr>(Base);
    return isNamedObject(Base);
  }
  return false;
}

/// Whether the placement address \p Address is `&object`, or a named
/// array (or `std::addressof(object)`).
bool isNamedObjectAddress(const Expr *Address) {
  const Expr *E = Address->IgnoreParenImpCasts();
  if (const auto *Unary = dyn_cast<UnaryOperator>(E))
    return Unary->getOpcode() == UO_AddrOf &&
           isNamedObject(Unary->getSubExpr());
  if (const auto *Call = dyn_cast<CallExpr>(E)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    return Callee && Callee->isInStdNamespace() && Callee->getIdentifier() &&
           Callee->getName() == "addressof" && Call->getNumArgs() == 1 &&
           isNamedObject(Call->getArg(0));
  }
  return E->getType()->isArrayType() && isNamedObject(E);
}

/// Placement new at a computed address, if \p New is one.
std::optional<std::string> placementAtComputedAddress(const CXXNewExpr *New) {
  if (New->getNumPlacementArgs() != 1)
    return std::nullopt;
  const FunctionDecl *OperatorNew = New->getOperatorNew();
  const Expr *Address = New->getPlacementArg(0);
  if (OperatorNew ? !OperatorNew->isReservedGlobalPlacementOperator()
                  : !isRawPointer(Address->getType()))
    return std::nullopt;
  if (isNamedObjectAddress(Address))
    return std::nullopt;
  return std::string("placement new at a computed address");
}

/// A call to a LEASH_UNSAFE_API function or constructor by \p S, if any.
std::optional<std::string> unsafeApiCall(const Stmt *S) {
  if (const auto *Call = dyn_cast<CallExpr>(S)) {
    const FunctionDecl *Callee = Call->getDirectCallee();
    if (Callee && isUnsafeApi(Callee))
      return "call to LEASH_UNSAFE_API function '" + Callee->getNameAsString() +
             "'";
    return std::nullopt;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(S)) {
    const CXXConstructorDecl *Constructor = Construct->getConstructor();
    if (Constructor && isUnsafeApi(Constructor))
      return "call to LEASH_UNSAFE_API constructor of '" +
             Constructor->getParent()->getNameAsString() + "'";
  }
  return std::nullopt;
}

/// Where to point at the operation \p S: its start, or the member's name
/// for a member call (`lease.raw_data()` points at `raw_data`).
SourceLocation operationLocation(const Stmt *S) {
  if (const auto *MemberCall = dyn_cast<CXXMemberCallExpr>(S))
    return MemberCall->getExprLoc();
  return S->getBeginLoc();
}

/// The object that \p E designates, as a path: the variable (null for
/// `this`), then the fields that lead to the object (`s.u` is `s`, `u`).
/// None unless every step is a name.
std::optional<ObjectPath> objectPath(const Expr *E) {
  ObjectPath Path;
  for (unsigned Depth = 0; Depth < MaxPathSteps; ++Depth) {
    E = E->IgnoreParenImpCasts();
    if (const auto *Reference = dyn_cast<DeclRefExpr>(E)) {
      Path.push_back(Reference->getDecl()->getCanonicalDecl());
      std::reverse(Path.begin(), Path.end());
      return Path;
    }
    if (isa<CXXThisExpr>(E)) {
      Path.push_back(nullptr);
      std::reverse(Path.begin(), Path.end());
      return Path;
    }
    const auto *Member = dyn_cast<MemberExpr>(E);
    if (!Member)
      return std::nullopt;
    Path.push_back(Member->getMemberDecl()->getCanonicalDecl());
    E = Member->getBase();
  }
  return std::nullopt;
}

/// A member of a union object.
struct UnionMember {
  const FieldDecl *Member;
  ObjectPath Object;
};

/// The union member that the glvalue \p E reads or writes, with its union
/// object: `u.a`, `s.u.a`, `this->u.a`, `u.arr[1]`, `u.s.x` (member `s`).
std::optional<UnionMember> unionMemberOf(const Expr *E) {
  for (unsigned Depth = 0; Depth < MaxPathSteps; ++Depth) {
    E = ignoreParensAndQualification(E);
    if (const auto *Subscript = dyn_cast<ArraySubscriptExpr>(E)) {
      if (!isDecayedArray(Subscript->getBase()))
        return std::nullopt;
      E = Subscript->getBase()->IgnoreParenImpCasts();
      continue;
    }
    const auto *Member = dyn_cast<MemberExpr>(E);
    if (!Member)
      return std::nullopt;
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field)
      return std::nullopt;
    if (Field->getParent()->isUnion()) {
      auto Object = objectPath(Member->getBase());
      if (!Object)
        return std::nullopt;
      return UnionMember{Field, std::move(*Object)};
    }
    if (Member->isArrow())
      return std::nullopt;
    E = Member->getBase();
  }
  return std::nullopt;
}

/// Whether \p E designates a whole union object.
bool isUnionObject(const Expr *E) {
  const CXXRecordDecl *Record = E->getType()->getAsCXXRecordDecl();
  return Record && Record->isUnion();
}

/// Collects the writes to union objects in one function body, in source
/// order; lambdas inside are functions of their own.
class UnionWriteCollector : public RecursiveASTVisitor<UnionWriteCollector> {
public:
  using Base = RecursiveASTVisitor<UnionWriteCollector>;

  explicit UnionWriteCollector(const SourceManager &Sources)
      : Sources(Sources) {}

  bool TraverseLambdaExpr(LambdaExpr *) { return true; }

  bool VisitBinaryOperator(BinaryOperator *Binary) {
    if (Binary->isAssignmentOp())
      recordWrite(Binary->getLHS(), Binary->getEndLoc());
    return true;
  }

  bool VisitCXXOperatorCallExpr(CXXOperatorCallExpr *Call) {
    if (Call->isAssignmentOp() && Call->getNumArgs() > 0)
      recordWrite(Call->getArg(0), Call->getEndLoc());
    return true;
  }

  bool VisitUnaryOperator(UnaryOperator *Unary) {
    if (Unary->isIncrementDecrementOp())
      recordWrite(Unary->getSubExpr(), Unary->getEndLoc());
    return true;
  }

  bool VisitVarDecl(VarDecl *Var) {
    // `U u = {1};` or `U u{.b = 2};` writes the initialized member.
    const auto *Init = dyn_cast_or_null<InitListExpr>(
        Var->getInit() ? Var->getInit()->IgnoreImplicit() : nullptr);
    if (!Init || !isUnionObject(Init))
      return true;
    if (const FieldDecl *Field = Init->getInitializedFieldInUnion())
      Result.push_back({Field,
                        {Var->getCanonicalDecl()},
                        Sources.getExpansionLoc(Var->getEndLoc())});
    return true;
  }

  std::vector<UnsafeOperationClassifier::UnionWrite> Result;

private:
  void recordWrite(const Expr *Target, SourceLocation End) {
    SourceLocation Position = Sources.getExpansionLoc(End);
    if (auto Access = unionMemberOf(Target)) {
      Result.push_back({Access->Member, std::move(Access->Object), Position});
      return;
    }
    if (isUnionObject(Target))
      if (auto Object = objectPath(Target))
        Result.push_back({nullptr, std::move(*Object), Position});
  }

  const SourceManager &Sources;
};

} // namespace

const std::vector<UnsafeOperationClassifier::UnionWrite> &
UnsafeOperationClassifier::unionWrites(const FunctionDecl *Function) {
  auto Found = Writes.find(Function);
  if (Found != Writes.end())
    return Found->second;
  UnionWriteCollector Collector(Context.getSourceManager());
  if (Stmt *Body = Function->getBody())
    Collector.TraverseStmt(Body);
  return Writes[Function] = std::move(Collector.Result);
}

std::optional<UnsafeOperation>
UnsafeOperationClassifier::classifyUnionRead(const Expr *Read) {
  auto Access = unionMemberOf(Read);
  if (!Access)
    return std::nullopt;
  const FunctionDecl *Function = Places.enclosingFunction(Read);
  if (!Function)
    return std::nullopt;
  const SourceManager &Sources = Context.getSourceManager();
  SourceLocation ReadPosition = Sources.getExpansionLoc(Read->getBeginLoc());
  const UnionWrite *Last = nullptr;
  for (const UnionWrite &Write : unionWrites(Function)) {
    if (Write.Object != Access->Object ||
        !Sources.isBeforeInTranslationUnit(Write.Position, ReadPosition))
      continue;
    if (!Last ||
        Sources.isBeforeInTranslationUnit(Last->Position, Write.Position))
      Last = &Write;
  }
  if (!Last || !Last->Member || Last->Member == Access->Member)
    return std::nullopt;
  return UnsafeOperation{
      "read of union member '" + Access->Member->getNameAsString() +
          "' after a write to '" + Last->Member->getNameAsString() + "'",
      Read->getBeginLoc()};
}

std::optional<UnsafeOperation>
UnsafeOperationClassifier::classify(const Stmt *S) {
  if (!S)
    return std::nullopt;
  auto Found = [S](std::string Description) {
    return UnsafeOperation{std::move(Description), operationLocation(S)};
  };
  if (isa<AsmStmt>(S))
    return Found("inline assembly");
  if (const auto *Cast = dyn_cast<ExplicitCastExpr>(S)) {
    if (auto Description = unsafeCast(Cast, Context))
      return Found(*Description);
    return std::nullopt;
  }
  if (auto Description = pointerArithmetic(S))
    return Found(*Description);
  if (const Expr *Accessed = accessedGlvalue(S)) {
    // A volatile access points at the object accessed (the left side of an
    // assignment), and so does a union read.
    if (auto Description = volatileAccess(Accessed))
      return UnsafeOperation{std::move(*Description), Accessed->getBeginLoc()};
    if (isa<ImplicitCastExpr>(S))
      return classifyUnionRead(Accessed);
    return std::nullopt;
  }
  if (const auto *New = dyn_cast<CXXNewExpr>(S)) {
    if (auto Description = placementAtComputedAddress(New))
      return Found(*Description);
    return std::nullopt;
  }
  if (auto Description = unsafeApiCall(S))
    return Found(*Description);
  return std::nullopt;
}

std::vector<ast_matchers::StatementMatcher>
UnsafeOperationFinder::candidates(llvm::StringRef Id) {
  using namespace ast_matchers;
  // One matcher per node kind, so that MatchFinder tries each only on nodes
  // of its kind; code of the system headers is never reported.
  auto User = unless(isExpansionInSystemHeader());
  return {explicitCastExpr(User).bind(Id),
          implicitCastExpr(hasCastKind(CK_LValueToRValue), User).bind(Id),
          binaryOperator(User).bind(Id),
          unaryOperator(User).bind(Id),
          arraySubscriptExpr(User).bind(Id),
          asmStmt(User).bind(Id),
          cxxNewExpr(User).bind(Id),
          callExpr(User).bind(Id),
          cxxConstructExpr(User).bind(Id)};
}

void UnsafeOperationFinder::startTranslationUnit(ASTContext &Context) {
  if (Current == &Context)
    return;
  reset();
  Current = &Context;
  Places = std::make_unique<UnsafeContext>(Context);
  Classifier = std::make_unique<UnsafeOperationClassifier>(Context, *Places);
}

void UnsafeOperationFinder::reset() {
  Classifier.reset();
  Places.reset();
  Current = nullptr;
  Reported.clear();
}

bool UnsafeOperationFinder::firstReport(SourceLocation Location,
                                        llvm::StringRef What) {
  std::string Key = std::to_string(Location.getRawEncoding());
  Key += ':';
  Key += What;
  return Reported.insert(Key).second;
}

std::optional<FoundUnsafeOperation>
UnsafeOperationFinder::find(const Stmt *S, ASTContext &Context) {
  startTranslationUnit(Context);
  const SourceManager &Sources = Context.getSourceManager();
  SourceLocation Start = S->getBeginLoc();
  if (Start.isInvalid() ||
      Sources.isInSystemHeader(Sources.getExpansionLoc(Start)))
    return std::nullopt;
  std::optional<UnsafeOperation> Operation = Classifier->classify(S);
  if (!Operation || Operation->Location.isInvalid())
    return std::nullopt;
  if (Places->isImplicitCode(S))
    return std::nullopt;
  FoundUnsafeOperation Result;
  Result.ReportLocation = Sources.getExpansionLoc(Operation->Location);
  if (!firstReport(Result.ReportLocation, Operation->Description))
    return std::nullopt;
  Result.InUnsafeContext = Places->isUnsafe(S);
  Result.Operation = std::move(*Operation);
  return Result;
}

void UnsafeOperationReports::add(SourceLocation Location,
                                 std::string Description) {
  auto [Found, Inserted] =
      Index.try_emplace(Location.getRawEncoding(), Reports.size());
  if (Inserted)
    Reports.emplace_back(Location, std::vector<std::string>());
  std::vector<std::string> &Descriptions = Reports[Found->second].second;
  if (!llvm::is_contained(Descriptions, Description))
    Descriptions.push_back(std::move(Description));
}

void UnsafeOperationReports::flush(
    llvm::function_ref<void(SourceLocation, llvm::StringRef)> Report) {
  for (const auto &[Location, Descriptions] : Reports)
    Report(Location, joinedWithAnd(Descriptions));
  Reports.clear();
  Index.clear();
}

} // namespace clang::tidy::leash
