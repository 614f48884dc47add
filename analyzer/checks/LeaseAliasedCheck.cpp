//===--- LeaseAliasedCheck.cpp - leash-lease-aliased ----------------------===//

#include "LeaseAliasedCheck.h"
#include "utils/AstWalk.h"
#include "utils/LeaseVocabulary.h"
#include "utils/ObjectPaths.h"
#include "utils/Vocabulary.h"

#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/ASTMatchers/ASTMatchFinder.h"

using namespace clang::ast_matchers;

namespace clang::tidy::leash {

namespace {

/// Where a lease creation runs, as far as running more than once goes.
struct CreationPlace {
  enum Kind {
    /// The initializer of an object of static storage duration: runs once.
    StaticInitializer,
    /// The body of a function (or lambda).
    FunctionBody,
    /// A default member initializer: runs for every object constructed.
    MemberInitializer,
    /// Nowhere we know of.
    Unknown,
  };
  Kind Where = Unknown;
  /// The innermost loop around the creation, inside the function.
  const Stmt *Loop = nullptr;
  /// The function (a lambda's call operator for a lambda).
  const FunctionDecl *Function = nullptr;
};

/// Whether \p Child, a child of the loop \p Loop, runs on every iteration.
bool repeatsInLoop(const Stmt *Loop, const Stmt *Child) {
  if (!Child)
    return false;
  if (const auto *For = dyn_cast<ForStmt>(Loop))
    return Child != For->getInit();
  if (isa<WhileStmt, DoStmt>(Loop))
    return true;
  if (const auto *Range = dyn_cast<CXXForRangeStmt>(Loop))
    return Child != Range->getInit() && Child != Range->getRangeStmt();
  return false;
}

/// Walks up from \p Creation to what decides how often it runs.
CreationPlace placeOf(const Expr *Creation, ASTContext &Context) {
  CreationPlace Place;
  DynTypedNode Node = DynTypedNode::create(*Creation);
  // Bounded: a parent chain is never longer than the nesting of the code.
  for (unsigned Depth = 0; Depth < MaxNestingDepth; ++Depth) {
    DynTypedNodeList Parents = Context.getParents(Node);
    if (Parents.empty())
      break;
    const DynTypedNode &Parent = Parents[0];
    if (const auto *Var = Parent.get<VarDecl>()) {
      if (Var->hasGlobalStorage() && !isa<ParmVarDecl>(Var)) {
        Place.Where = CreationPlace::StaticInitializer;
        Place.Loop = nullptr;
        return Place;
      }
    } else if (Parent.get<FieldDecl>()) {
      Place.Where = CreationPlace::MemberInitializer;
      return Place;
    } else if (const auto *Lambda = Parent.get<LambdaExpr>()) {
      Place.Where = CreationPlace::FunctionBody;
      Place.Function = Lambda->getCallOperator();
      return Place;
    } else if (const auto *Function = Parent.get<FunctionDecl>()) {
      Place.Where = CreationPlace::FunctionBody;
      Place.Function = Function;
      return Place;
    } else if (const auto *S = Parent.get<Stmt>()) {
      if (!Place.Loop && repeatsInLoop(S, Node.get<Stmt>()))
        Place.Loop = S;
    }
    Node = Parent;
  }
  return Place;
}

/// Whether \p Function is the program's `main`. FunctionDecl::isMain is
/// false in a freestanding translation unit (-ffreestanding, as kernels are
/// built), where `main` is still the board's entry point that runs once.
bool isProgramMain(const FunctionDecl *Function) {
  return Function->isMain() ||
         (Function->getIdentifier() && Function->getName() == "main" &&
          Function->getDeclContext()->getRedeclContext()->isTranslationUnit());
}

/// The object a creation leases, when it can be told for every run of the
/// creation: a variable, then members and constant subscripts of it
/// (`storage`, `rows[1]`, `board.buffers[0]`). A subscript that is not a
/// constant (`rows[i]`) names a different row on different runs, and a
/// path through `this` or a pointer a different object on different runs:
/// those are not tracked, rather than guessed.
std::optional<NamedObject> leasedObject(const LeaseCreation &Creation,
                                        const ASTContext &Context) {
  std::optional<NamedObject> Path = namedObject(Creation.Array, Context);
  if (!Path || Path->empty() || Path->front().StepKind != ObjectStep::Variable)
    return std::nullopt;
  for (const ObjectStep &Step : *Path)
    if (Step.StepKind == ObjectStep::This || Step.StepKind == ObjectStep::Arrow)
      return std::nullopt;
  return Path;
}

/// How the objects of two paths overlap: \p Later is \p Earlier, a part of
/// it (`rows[1]` of `rows`), contains it, or neither.
enum class Overlap { Same, Inside, Contains, None };

Overlap overlapOf(const NamedObject &Earlier, const NamedObject &Later) {
  size_t Common = std::min(Earlier.size(), Later.size());
  for (size_t I = 0; I < Common; ++I)
    if (!(Earlier[I] == Later[I]))
      return Overlap::None;
  if (Earlier.size() == Later.size())
    return Overlap::Same;
  return Later.size() > Earlier.size() ? Overlap::Inside : Overlap::Contains;
}

/// How a message names \p Function.
std::string describeFunction(const FunctionDecl *Function) {
  if (const auto *Method = dyn_cast<CXXMethodDecl>(Function);
      Method && Method->getParent()->isLambda())
    return "a lambda";
  return "'" + Function->getQualifiedNameAsString() + "'";
}

} // namespace

void LeaseAliasedCheck::registerMatchers(MatchFinder *Finder) {
  Finder->addMatcher(callExpr().bind("creation"), this);
  Finder->addMatcher(cxxConstructExpr().bind("creation"), this);
}

void LeaseAliasedCheck::check(const MatchFinder::MatchResult &Result) {
  const auto *E = Result.Nodes.getNodeAs<Expr>("creation");
  std::optional<LeaseCreation> Creation = leaseCreation(E);
  if (!Creation)
    return;
  const SourceManager &Sources = *Result.SourceManager;
  // A template's instantiations share the template's locations.
  if (!Seen.insert(E->getBeginLoc()).second)
    return;
  SourceLocation Location = Sources.getExpansionLoc(E->getBeginLoc());
  const std::string Array = describeLeasedArray(*Creation);

  if (std::optional<NamedObject> Path =
          leasedObject(*Creation, *Result.Context)) {
    const std::string Spelled =
        "'" + spelling(Creation->Array, *Result.Context) + "'";
    for (const LeasedObject &Earlier : Leased) {
      Overlap Kind = overlapOf(Earlier.Path, *Path);
      if (Kind == Overlap::None)
        continue;
      diag(Location, "array %0 %select{already backs a lease|is part of %2, "
                     "which already backs a lease|contains %2, which "
                     "already backs a lease}1; a second lease of the same "
                     "buffer aliases it")
          << Spelled << static_cast<int>(Kind) << Earlier.Spelling;
      diag(Earlier.Location, "first lease of %0 created here",
           DiagnosticIDs::Note)
          << Earlier.Spelling;
      return;
    }
    Leased.push_back({std::move(*Path), Location, Spelled});
  }

  CreationPlace Place = placeOf(E, *Result.Context);
  if (Place.Where == CreationPlace::StaticInitializer)
    return;
  // A LEASH_UNSAFE("why") function says in its reason why it runs once.
  const bool Justified = Place.Function && isUnsafeFunction(Place.Function);
  if (Justified)
    return;
  if (Place.Loop) {
    diag(Location, "lease of %0 created inside a loop; every iteration makes "
                   "another lease of the same buffer")
        << Array;
    diag(Sources.getExpansionLoc(Place.Loop->getBeginLoc()),
         "the loop that repeats the creation", DiagnosticIDs::Note);
    return;
  }
  if (Place.Where == CreationPlace::FunctionBody &&
      isProgramMain(Place.Function))
    return;
  const std::string Where =
      Place.Where == CreationPlace::MemberInitializer
          ? std::string("a default member initializer, which runs for every "
                        "object constructed")
      : Place.Function
          ? describeFunction(Place.Function) + ", which can run more than once"
          : std::string("code that can run more than once");
  diag(Location,
       "lease of %0 created in %1; create each lease once, in main(), in a "
       "static initializer, or in a LEASH_UNSAFE(\"why\") function that runs "
       "once")
      << Array << Where;
}

void LeaseAliasedCheck::onEndOfTranslationUnit() {
  Leased.clear();
  Seen.clear();
}

} // namespace clang::tidy::leash
