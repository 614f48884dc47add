//===--- LeaseFlowLattice.cpp - The facts of the lease dataflow -----------===//

#include "LeaseFlowLattice.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leash::flow {

bool PlaceState::join(const PlaceState &Other) {
  bool Changed = false;
  const std::uint8_t Joined = Facts | Other.Facts;
  if (Joined != Facts) {
    Facts = Joined;
    Changed = true;
  }
  // First wins: a note, once placed, stays where it is.
  if (Transfer.isInvalid() && Other.Transfer.isValid()) {
    Transfer = Other.Transfer;
    TransferBlock = Other.TransferBlock;
    Changed = true;
  }
  if (Acquired.isInvalid() && Other.Acquired.isValid()) {
    Acquired = Other.Acquired;
    Changed = true;
  }
  if (Origin != Other.Origin && Origin != NoOrigin) {
    Origin = NoOrigin;
    Changed = true;
  }
  return Changed;
}

bool FlowState::join(const FlowState &Other) {
  if (!Other.Reached)
    return false;
  if (!Reached) {
    *this = Other;
    return true;
  }
  bool Changed = false;
  for (unsigned I = 0; I < Places.size(); ++I)
    Changed |= Places[I].join(Other.Places[I]);
  const size_t Before = Mirrors.size();
  llvm::erase_if(Mirrors, [&](const Mirror &M) {
    return !llvm::is_contained(Other.Mirrors, M);
  });
  return Changed || Mirrors.size() != Before;
}

void FlowState::forgetMirrorsOf(unsigned Place) {
  llvm::erase_if(Mirrors, [&](const Mirror &M) { return M.Place == Place; });
}

void FlowState::forgetFlag(const ValueDecl *Flag) {
  llvm::erase_if(Mirrors, [&](const Mirror &M) { return M.Flag == Flag; });
}

void FlowState::makeUnknown(unsigned Place) {
  Places[Place] = PlaceState();
  Places[Place].Facts = Unknown;
  forgetMirrorsOf(Place);
}

} // namespace clang::tidy::leash::flow
