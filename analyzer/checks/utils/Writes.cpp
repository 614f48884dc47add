//===--- Writes.cpp - What an lvalue expression does to its object --------===//

#include "Writes.h"
#include "AstWalk.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"

namespace clang::tidy::leash {

namespace {

/// Whether \p Type is a reference to a non-const object.
bool isNonConstReference(QualType Type) {
  const auto *Reference = Type->getAs<ReferenceType>();
  return Reference && !Reference->getPointeeType().isConstQualified();
}

/// Whether \p Argument, an argument of \p CallOrConstruct (through
/// parentheses), binds a reference to a non-const object.
bool bindsNonConstReference(const Expr *CallOrConstruct, const Expr *Argument) {
  bool Binds = false;
  forEachArgumentWithParameter(
      CallOrConstruct, [&](const Expr *Each, const ParmVarDecl *Parameter) {
        if (Each->IgnoreParens() == Argument &&
            isNonConstReference(Parameter->getType()))
          Binds = true;
      });
  return Binds;
}

/// Whether \p Type is a pointer to a non-const object.
bool isNonConstPointer(QualType Type) {
  const auto *Pointer = Type->getAs<PointerType>();
  return Pointer && !Pointer->getPointeeType().isConstQualified();
}

/// The type \p E ends up with after the implicit conversions around it.
QualType convertedType(const Expr *E, ASTContext &Context) {
  DynTypedNode Node = DynTypedNode::create(*E);
  QualType Type = E->getType();
  for (unsigned Depth = 0; Depth < MaxImplicitLayers; ++Depth) {
    DynTypedNode Parent = parentOf(Node, Context);
    const auto *Cast = Parent.get<ImplicitCastExpr>();
    if (!Cast)
      break;
    Type = Cast->getType();
    Node = Parent;
  }
  return Type;
}

/// Whether the call \p Call, whose object (or first argument) is the object
/// followed, changes it, given that \p Method is the member called.
std::optional<Write> memberCall(const CXXMethodDecl *Method, const Expr *Call,
                                const Expr *&Continue) {
  if (!Method || Method->isConst() || Method->isStatic())
    return std::nullopt;
  // A non-const member that returns a reference into the object (`at`,
  // `operator[]`, `front`) is a way to name a part of it: follow the part.
  if (Method->getOverloadedOperator() != OO_Equal &&
      Method->getReturnType()->isLValueReferenceType()) {
    Continue = Call;
    return std::nullopt;
  }
  return Write{WriteKind::NonConstMemberCall, Call, Method};
}

} // namespace

std::optional<Write> findWrite(const Expr *Object, ASTContext &Context) {
  const Expr *Current = Object;
  for (unsigned Depth = 0; Depth < MaxImplicitLayers && Current; ++Depth) {
    DynTypedNode Parent = parentOf(DynTypedNode::create(*Current), Context);
    const Expr *Next = nullptr;
    if (const auto *Paren = Parent.get<ParenExpr>()) {
      Next = Paren;
    } else if (const auto *Cast = Parent.get<ImplicitCastExpr>()) {
      switch (Cast->getCastKind()) {
      case CK_NoOp:
      case CK_DerivedToBase:
      case CK_UncheckedDerivedToBase:
        Next = Cast;
        break;
      case CK_ArrayToPointerDecay: {
        DynTypedNode Above = parentOf(Parent, Context);
        const auto *Subscript = Above.get<ArraySubscriptExpr>();
        if (Subscript && Subscript->getBase()->IgnoreParens() == Cast) {
          Next = Subscript;
          break;
        }
        if (isNonConstPointer(convertedType(Cast, Context)))
          return Write{WriteKind::NonConstAddress, Cast, nullptr};
        return std::nullopt;
      }
      default:
        // Lvalue-to-rvalue and every other conversion read the object.
        return std::nullopt;
      }
    } else if (const auto *Subscript = Parent.get<ArraySubscriptExpr>()) {
      if (Subscript->getBase()->IgnoreParens() != Current)
        return std::nullopt;
      Next = Subscript;
    } else if (const auto *Member = Parent.get<MemberExpr>()) {
      if (Member->isArrow())
        return std::nullopt;
      if (isa<FieldDecl>(Member->getMemberDecl())) {
        Next = Member;
      } else {
        // A member function named on the object: the call decides.
        DynTypedNode Above = parentOf(Parent, Context);
        const auto *Call = Above.get<CXXMemberCallExpr>();
        if (!Call)
          return std::nullopt;
        std::optional<Write> Found =
            memberCall(Call->getMethodDecl(), Call, Next);
        if (Found || !Next)
          return Found;
      }
    } else if (const auto *Unary = Parent.get<UnaryOperator>()) {
      if (Unary->isIncrementDecrementOp())
        return Write{WriteKind::Increment, Unary, nullptr};
      if (Unary->getOpcode() == UO_AddrOf &&
          isNonConstPointer(Unary->getType()))
        return Write{WriteKind::NonConstAddress, Unary, nullptr};
      return std::nullopt;
    } else if (const auto *Binary = Parent.get<BinaryOperator>()) {
      if (Binary->isAssignmentOp() &&
          Binary->getLHS()->IgnoreParens() == Current)
        return Write{WriteKind::Assignment, Binary, nullptr};
      if (Binary->getOpcode() == BO_Comma &&
          Binary->getRHS()->IgnoreParens() == Current) {
        Next = Binary;
      } else {
        return std::nullopt;
      }
    } else if (const auto *Conditional = Parent.get<ConditionalOperator>()) {
      if (Conditional->getCond()->IgnoreParens() == Current ||
          !Conditional->isGLValue())
        return std::nullopt;
      Next = Conditional;
    } else if (const auto *Operator = Parent.get<CXXOperatorCallExpr>()) {
      const auto *Method =
          dyn_cast_or_null<CXXMethodDecl>(Operator->getDirectCallee());
      if (Method && Operator->getNumArgs() > 0 &&
          Operator->getArg(0)->IgnoreParens() == Current) {
        if (Method->getOverloadedOperator() == OO_Equal ||
            (Method->getOverloadedOperator() >= OO_PlusEqual &&
             Method->getOverloadedOperator() <= OO_PipeEqual))
          return Write{WriteKind::Assignment, Operator, Method};
        if (Method->getOverloadedOperator() == OO_PlusPlus ||
            Method->getOverloadedOperator() == OO_MinusMinus)
          return Write{WriteKind::Increment, Operator, Method};
        std::optional<Write> Found = memberCall(Method, Operator, Next);
        if (Found || !Next)
          return Found;
      } else {
        if (bindsNonConstReference(Operator, Current))
          return Write{WriteKind::NonConstReference, Operator,
                       Operator->getDirectCallee()};
        return std::nullopt;
      }
    } else if (const auto *Call = Parent.get<CallExpr>()) {
      if (bindsNonConstReference(Call, Current))
        return Write{WriteKind::NonConstReference, Call,
                     Call->getDirectCallee()};
      return std::nullopt;
    } else if (const auto *Construct = Parent.get<CXXConstructExpr>()) {
      if (bindsNonConstReference(Construct, Current))
        return Write{WriteKind::NonConstReference, Construct,
                     Construct->getConstructor()};
      return std::nullopt;
    } else if (const auto *Variable = Parent.get<VarDecl>()) {
      if (Variable->isImplicit() || Variable->getInit() == nullptr ||
          Variable->getInit()->IgnoreParens() != Current)
        return std::nullopt;
      if (isNonConstReference(Variable->getType()))
        return Write{WriteKind::NonConstReference, Current, nullptr};
      return std::nullopt;
    } else if (Parent.get<ReturnStmt>()) {
      const FunctionDecl *Function = enclosingFunction(Parent, Context);
      if (Function && isNonConstReference(Function->getReturnType()))
        return Write{WriteKind::NonConstReference, Current, nullptr};
      return std::nullopt;
    } else {
      return std::nullopt;
    }
    Current = Next;
  }
  return std::nullopt;
}

llvm::StringRef describeWrite(WriteKind Kind) {
  switch (Kind) {
  case WriteKind::Assignment:
    return "assignment to";
  case WriteKind::Increment:
    return "increment of";
  case WriteKind::NonConstMemberCall:
    return "non-const member call on";
  case WriteKind::NonConstAddress:
    return "non-const address of";
  case WriteKind::NonConstReference:
    return "non-const reference to";
  }
  return "write to";
}

} // namespace clang::tidy::leash
