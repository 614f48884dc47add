//===--- LeasePlaces.cpp - The places of a function that hold leases ------===//

#include "LeasePlaces.h"
#include "AstWalk.h"
#include "LeaseVocabulary.h"
#include "MemberRoles.h"
#include "Vocabulary.h"

#include "clang/AST/DeclCXX.h"
#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/RecursiveASTVisitor.h"

namespace clang::tidy::leash {

namespace {

/// How deep into struct fields places are looked for.
constexpr unsigned MaxFieldDepth = 3;

/// How many implicit nodes and no-op casts around a value strip() removes
/// at most: real code has a handful.
constexpr unsigned MaxImplicitWrappers = 16;

/// The local variables declared in a function itself (not in the lambdas
/// or local classes inside it), in source order.
class LocalVariables : public RecursiveASTVisitor<LocalVariables> {
public:
  explicit LocalVariables(const FunctionDecl *Function) : Function(Function) {}

  bool VisitVarDecl(VarDecl *Var) {
    if (Var->getParentFunctionOrMethod() == Function &&
        Var->hasLocalStorage() && !isa<ParmVarDecl>(Var))
      Found.push_back(Var);
    return true;
  }

  const FunctionDecl *Function;
  std::vector<const VarDecl *> Found;
};

/// \p E without parentheses and the implicit nodes around a value.
const Expr *strip(const Expr *E) {
  for (unsigned Depth = 0; E && Depth < MaxImplicitWrappers; ++Depth) {
    const Expr *Next = E->IgnoreParens()->IgnoreImplicit();
    if (const auto *Default = dyn_cast<CXXDefaultInitExpr>(Next))
      Next = Default->getExpr();
    else if (const auto *Cast = dyn_cast<CXXFunctionalCastExpr>(Next);
             Cast && Cast->getCastKind() == CK_NoOp)
      Next = Cast->getSubExpr();
    if (Next == E)
      break;
    E = Next;
  }
  return E;
}

/// Whether \p E is an empty value: default or value initialization, `{}`,
/// or (for a wrapper) an empty tag such as `std::nullopt`.
bool isEmptyValue(const Expr *E, LeasePlace::KindType Kind) {
  E = strip(E);
  if (!E || isa<ImplicitValueInitExpr>(E))
    return true;
  if (const auto *List = dyn_cast<InitListExpr>(E))
    return List->getNumInits() == 0;
  if (Kind != LeasePlace::Wrapper) {
    const auto *Construct = dyn_cast<CXXConstructExpr>(E);
    return Construct && Construct->getNumArgs() == 0;
  }
  if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
    if (Construct->getNumArgs() == 0)
      return true;
    if (Construct->getNumArgs() != 1)
      return false;
    E = strip(Construct->getArg(0));
  }
  const CXXRecordDecl *Tag = E->getType()->getAsCXXRecordDecl();
  return Tag && Tag->hasDefinition() && Tag->isEmpty() &&
         !isLeaseType(E->getType());
}

} // namespace

const Expr *placeInitializer(const Expr *Init,
                             llvm::ArrayRef<const FieldDecl *> Path,
                             bool &Opaque) {
  Opaque = false;
  const Expr *E = Init;
  for (const FieldDecl *Field : Path) {
    E = strip(E);
    if (!E || isa<ImplicitValueInitExpr>(E))
      return nullptr;
    if (const auto *Construct = dyn_cast<CXXConstructExpr>(E)) {
      // A constructor of the struct: the default one leaves it empty.
      Opaque = Construct->getNumArgs() != 0;
      return Opaque ? E : nullptr;
    }
    llvm::ArrayRef<Expr *> Inits;
    if (const auto *List = dyn_cast<InitListExpr>(E)) {
      if (List->isSyntacticForm() && List->getSemanticForm())
        List = List->getSemanticForm();
      Inits = List->inits();
    } else if (const auto *Parens = dyn_cast<CXXParenListInitExpr>(E)) {
      Inits = Parens->getInitExprs();
    } else if (const auto *Lambda = dyn_cast<LambdaExpr>(E)) {
      // A closure's fields are its captures, initialized in order.
      Inits = llvm::ArrayRef(Lambda->capture_init_begin(),
                             Lambda->capture_init_end());
    } else {
      // An opaque value (a call's result, another struct moved in): it may
      // hold leases.
      Opaque = true;
      return E;
    }
    const auto *Record = dyn_cast<CXXRecordDecl>(Field->getParent());
    const unsigned Position =
        (Record ? Record->getNumBases() : 0) + Field->getFieldIndex();
    if (Position >= Inits.size())
      return nullptr;
    E = Inits[Position];
  }
  return E;
}

bool initializesEmpty(const Expr *Init, llvm::ArrayRef<const FieldDecl *> Path,
                      LeasePlace::KindType Kind) {
  bool Opaque = false;
  const Expr *E = placeInitializer(Init, Path, Opaque);
  return !Opaque && isEmptyValue(E, Kind);
}

LeasePlaces::LeasePlaces(const FunctionDecl *Function, ASTContext &Context)
    : Context(Context) {
  llvm::SmallVector<const FieldDecl *, 2> Path;
  for (const ParmVarDecl *Parameter : Function->parameters()) {
    QualType Type = Parameter->getType();
    if (Type->isLValueReferenceType()) {
      // Borrowed: only a lease or a wrapper, by non-const reference.
      QualType Referred = Type->getPointeeType();
      if (!Referred.isConstQualified() &&
          (isLeaseType(Referred) || isLeaseWrapperType(Referred)))
        addPlaces(Parameter, Referred, Path, Parameter->getNameAsString(),
                  /*Borrowed=*/true, 0);
      continue;
    }
    addPlaces(Parameter, Type.getNonReferenceType(), Path,
              Parameter->getNameAsString(), /*Borrowed=*/false, 0);
  }
  // An unnamed parameter is named by its position.
  for (LeasePlace &Place : Places)
    if (Place.Root->getName().empty())
      Place.Name =
          "<parameter " +
          std::to_string(
              cast<ParmVarDecl>(Place.Root)->getFunctionScopeIndex() + 1) +
          ">" + Place.Name;
  if (!Function->getBody())
    return;
  LocalVariables Locals(Function);
  Locals.TraverseStmt(const_cast<Stmt *>(Function->getBody()));
  if (const auto *Constructor = dyn_cast<CXXConstructorDecl>(Function))
    for (const CXXCtorInitializer *Init : Constructor->inits())
      if (Init->getInit())
        Locals.TraverseStmt(Init->getInit());
  for (const VarDecl *Var : Locals.Found) {
    // Structured bindings name the fields through BindingDecls, which are
    // not followed: the hidden variable is not tracked.
    if (isa<DecompositionDecl>(Var))
      continue;
    if (Var->getType()->isBooleanType())
      ++Flags;
    if (!Var->getType()->isReferenceType()) {
      addPlaces(Var, Var->getType(), Path, Var->getNameAsString(),
                /*Borrowed=*/false, 0);
      continue;
    }
    if (!Var->getInit())
      continue;
    if (std::optional<NamedPlaces> Bound = designated(Var->getInit()))
      Aliases[Var] = *Bound;
  }
}

void LeasePlaces::addPlaces(const VarDecl *Root, QualType Type,
                            llvm::SmallVector<const FieldDecl *, 2> &Path,
                            const std::string &Name, bool Borrowed,
                            unsigned Depth) {
  if (Type.isNull() || Type->isDependentType())
    return;
  const bool IsLease = isLeaseType(Type);
  if (IsLease || isLeaseWrapperType(Type)) {
    LeasePlace Place;
    Place.Kind = IsLease ? LeasePlace::Lease : LeasePlace::Wrapper;
    Place.Root = Root;
    Place.Path = Path;
    Place.Name = Name;
    Place.Borrowed = Borrowed;
    ByRoot[Root].push_back(Places.size());
    Places.push_back(std::move(Place));
    return;
  }
  const CXXRecordDecl *Record = Type->getAsCXXRecordDecl();
  if (Depth >= MaxFieldDepth || !Record || !Record->hasDefinition() ||
      Record->isUnion() || isCellType(Type) ||
      Record->hasUserDeclaredDestructor())
    // A class with its own destructor decides what happens to its leases.
    return;
  if (Record->isLambda()) {
    addCapturedPlaces(Root, Record, Path, Name, Borrowed, Depth);
    return;
  }
  for (const FieldDecl *Field : Record->fields()) {
    if (Field->getType()->isReferenceType() || Field->isBitField() ||
        !Field->getIdentifier())
      continue;
    Path.push_back(Field);
    addPlaces(Root, Field->getType(), Path, Name + "." + Field->getName().str(),
              Borrowed, Depth + 1);
    Path.pop_back();
  }
}

void LeasePlaces::addCapturedPlaces(
    const VarDecl *Root, const CXXRecordDecl *Closure,
    llvm::SmallVector<const FieldDecl *, 2> &Path, const std::string &Name,
    bool Borrowed, unsigned Depth) {
  // A closure has one field per capture, in the order of its captures; the
  // fields are unnamed, so the places take the names of the captures.
  auto Field = Closure->field_begin();
  for (const LambdaCapture &Capture : Closure->captures()) {
    if (Field == Closure->field_end())
      return;
    const FieldDecl *Captured = *Field++;
    if (!Capture.capturesVariable() || Capture.getCaptureKind() != LCK_ByCopy)
      continue;
    Path.push_back(Captured);
    addPlaces(Root, Captured->getType(), Path,
              Name + "." + Capture.getCapturedVar()->getNameAsString(),
              Borrowed, Depth + 1);
    Path.pop_back();
  }
}

llvm::ArrayRef<unsigned> LeasePlaces::of(const VarDecl *Var) const {
  auto Found = ByRoot.find(Var);
  if (Found == ByRoot.end())
    return {};
  return Found->second;
}

NamedPlaces LeasePlaces::under(const VarDecl *Root,
                               llvm::ArrayRef<const FieldDecl *> Path) const {
  NamedPlaces Named;
  for (unsigned Index : of(Root)) {
    llvm::ArrayRef<const FieldDecl *> Full = Places[Index].Path;
    if (Full.size() >= Path.size() && Full.take_front(Path.size()) == Path)
      Named.Places.push_back(Index);
  }
  Named.Exact = Named.Places.size() == 1 &&
                Places[Named.Places.front()].Path.size() == Path.size();
  Named.PathLength = Path.size();
  return Named;
}

/// The variable and fields an alias or a variable stands for.
static void rootOf(const VarDecl *Var,
                   const llvm::DenseMap<const VarDecl *, NamedPlaces> &Aliases,
                   const std::vector<LeasePlace> &Places, const VarDecl *&Root,
                   llvm::SmallVector<const FieldDecl *, 2> &Path) {
  Root = Var;
  Path.clear();
  auto Alias = Aliases.find(Var);
  if (Alias == Aliases.end() || Alias->second.Places.empty())
    return;
  const LeasePlace &First = Places[Alias->second.Places.front()];
  Root = First.Root;
  Path.append(First.Path.begin(),
              First.Path.begin() + Alias->second.PathLength);
}

std::optional<NamedPlaces>
LeasePlaces::mentioned(const DeclRefExpr *Reference) const {
  const auto *Var = dyn_cast<VarDecl>(Reference->getDecl());
  if (!Var || (!ByRoot.count(Var) && !Aliases.count(Var)))
    return std::nullopt;
  const VarDecl *Root = nullptr;
  llvm::SmallVector<const FieldDecl *, 2> Path;
  rootOf(Var, Aliases, Places, Root, Path);
  const Expr *Outer = Reference;
  for (unsigned Depth = 0; Depth <= MaxFieldDepth; ++Depth) {
    NamedPlaces Named = under(Root, Path);
    if (Named.Places.empty())
      return std::nullopt;
    Named.Outer = Outer;
    if (Named.Exact)
      return Named;
    const Expr *Child = nullptr;
    DynTypedNode Parent = parentThroughImplicit(Context, Outer, Child);
    const auto *Member = Parent.get<MemberExpr>();
    const auto *Field =
        Member ? dyn_cast<FieldDecl>(Member->getMemberDecl()) : nullptr;
    if (!Field || Member->isArrow())
      return Named;
    Path.push_back(Field);
    Outer = Member;
  }
  return std::nullopt;
}

std::optional<NamedPlaces> LeasePlaces::designated(const Expr *E) const {
  const Expr *Original = E;
  E = E->IgnoreParenImpCasts();
  // The lease inside a wrapper: `*w`, `w->...`, `w.value()` (a member with
  // the role "unwrap").
  const Expr *Wrapped = nullptr;
  if (const auto *Operator = dyn_cast<CXXOperatorCallExpr>(E);
      Operator && Operator->getNumArgs() == 1 &&
      (Operator->getOperator() == OO_Star ||
       Operator->getOperator() == OO_Arrow))
    Wrapped = Operator->getArg(0);
  else if (const auto *Call = dyn_cast<CXXMemberCallExpr>(E);
           Call && calledRole(Call) == MemberRole::Unwrap)
    Wrapped = Call->getImplicitObjectArgument();
  if (Wrapped) {
    std::optional<NamedPlaces> Named = designated(Wrapped);
    if (!Named || !Named->Exact ||
        Places[Named->Places.front()].Kind != LeasePlace::Wrapper)
      return std::nullopt;
    Named->Outer = Original;
    return Named;
  }
  llvm::SmallVector<const FieldDecl *, 2> Fields;
  while (const auto *Member = dyn_cast<MemberExpr>(E)) {
    const auto *Field = dyn_cast<FieldDecl>(Member->getMemberDecl());
    if (!Field || Member->isArrow() || Fields.size() > MaxFieldDepth)
      return std::nullopt;
    Fields.push_back(Field);
    E = Member->getBase()->IgnoreParenImpCasts();
  }
  const auto *Reference = dyn_cast<DeclRefExpr>(E);
  const auto *Var =
      Reference ? dyn_cast<VarDecl>(Reference->getDecl()) : nullptr;
  if (!Var || (!ByRoot.count(Var) && !Aliases.count(Var)))
    return std::nullopt;
  const VarDecl *Root = nullptr;
  llvm::SmallVector<const FieldDecl *, 2> Path;
  rootOf(Var, Aliases, Places, Root, Path);
  Path.append(Fields.rbegin(), Fields.rend());
  NamedPlaces Named = under(Root, Path);
  if (Named.Places.empty())
    return std::nullopt;
  Named.Outer = Original;
  return Named;
}

} // namespace clang::tidy::leash
