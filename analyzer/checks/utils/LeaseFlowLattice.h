//===--- LeaseFlowLattice.h - The facts of the lease dataflow ---*- C++ -*-===//
///
/// \file
/// The lattice of the lease dataflow (LeaseFlow.h): what is known about each
/// place (LeasePlaces.h) at one point of a function, and how two paths'
/// knowledge joins where they meet.
///
/// A place's typestate is a set of facts (Fact), joined by union, plus the
/// locations that its notes name, each set once and then kept ("first
/// wins", so that a join never moves a note). A local `bool` that holds the
/// answer of an emptiness test of a place (a Mirror) is known only while
/// every path agrees on it: mirrors join by intersection.
///
/// A place may also hold exactly what a lent parameter held when the
/// function began (its Origin): a helper that trades leases between its
/// parameters says so in its summary (CalleeSummaries.h). Two paths that
/// disagree on a place's origin leave it with none.
///
/// What "can only grow" means, which bounds the driver's work: at one
/// block's entry, each place's facts only gain bits (three), each of its two
/// note locations is set at most once, its origin is lost at most once, and
/// mirrors are only lost. So an entry state changes at most 6 times per
/// place and once per flag.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWLATTICE_H
#define LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWLATTICE_H

#include "clang/AST/Decl.h"
#include "clang/Basic/SourceLocation.h"
#include "llvm/ADT/SmallVector.h"

#include <cstdint>

namespace clang {
class CFGBlock;
} // namespace clang

namespace clang::tidy::leash::flow {

/// The facts a place's typestate is made of (bits of PlaceState::Facts).
enum Fact : std::uint8_t {
  /// It may own a buffer.
  MayOwn = 1,
  /// It may have been transferred away (moved from).
  MayMoved = 2,
  /// A callee or a lambda may have taken it: nothing is known until it is
  /// checked for emptiness or assigned.
  Unknown = 4,
};

/// How many times the lattice lets one place's state change at one block's
/// entry: one per fact (MayOwn, MayMoved, Unknown), one per note location
/// (PlaceState::Transfer, PlaceState::Acquired) and one for the origin.
constexpr unsigned MaxChangesPerPlace = 6;

/// PlaceState::Origin when the place holds nothing known to be a lent
/// parameter's original lease.
constexpr int NoOrigin = -1;

/// The typestate of one place at one point.
struct PlaceState {
  /// Bits of Fact; 0 when it holds no buffer.
  std::uint8_t Facts = 0;
  /// A transfer that may have happened, and its block (for the notes).
  SourceLocation Transfer;
  const CFGBlock *TransferBlock = nullptr;
  /// Where it got the buffer it may own (for the note).
  SourceLocation Acquired;
  /// The lent parameter (a place index) whose lease, as it was when the
  /// function began, this place holds on every path; or NoOrigin.
  int Origin = NoOrigin;

  /// Joins \p Other in: facts by union, each location kept once set, the
  /// origin kept only when both agree. Returns whether this changed.
  bool join(const PlaceState &Other);
};

/// A local `bool` that holds the answer of an emptiness test of a place
/// (`const bool empty = buffer.is_empty();`), valid until either changes.
struct Mirror {
  const VarDecl *Flag = nullptr;
  /// The place tested (an index into LeasePlaces::all()).
  unsigned Place = 0;
  /// Whether the flag is true when the place is empty.
  bool TrueIsEmpty = true;

  bool operator==(const Mirror &Other) const {
    return Flag == Other.Flag && Place == Other.Place &&
           TrueIsEmpty == Other.TrueIsEmpty;
  }
};

/// The typestate of every place at one point; unreached (bottom) until a
/// path reaches it.
struct FlowState {
  bool Reached = false;
  /// One per place, in the order of LeasePlaces::all().
  llvm::SmallVector<PlaceState, 4> Places;
  llvm::SmallVector<Mirror, 0> Mirrors;

  /// Joins \p Other in (facts by union, mirrors by intersection); returns
  /// whether this changed.
  bool join(const FlowState &Other);

  /// Forgets the flags that mirror place \p Place (it changed).
  void forgetMirrorsOf(unsigned Place);
  /// Forgets what flag \p Flag mirrored (it changed or ended).
  void forgetFlag(const ValueDecl *Flag);
  /// Sets place \p Place to "unknown", with no notes: a callee, a lambda or
  /// an untracked trade may have taken it.
  void makeUnknown(unsigned Place);
};

} // namespace clang::tidy::leash::flow

#endif // LEASH_ANALYZER_CHECKS_UTILS_LEASEFLOWLATTICE_H
