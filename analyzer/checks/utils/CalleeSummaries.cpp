//===--- CalleeSummaries.cpp - What a callee does to lent leases ----------===//

#include "CalleeSummaries.h"
#include "LeaseFlowDriver.h"

#include "llvm/ADT/STLExtras.h"

namespace clang::tidy::leash::flow {

bool CalleeSummary::trades() const {
  return llvm::any_of(BorrowedFrom, [](int From) { return From >= 0; });
}

bool CalleeSummary::tradesParameter(unsigned Index) const {
  if (Index < BorrowedFrom.size() && BorrowedFrom[Index] >= 0)
    return true;
  return llvm::is_contained(BorrowedFrom, int(Index));
}

const CalleeSummary *CalleeSummaries::of(const FunctionDecl *Function) {
  if (auto Found = Entries.find(Function); Found != Entries.end())
    return Found->second->InProgress ? nullptr : &Found->second->Summary;
  if (Depth >= MaxSummaryDepth)
    return nullptr;
  // Inserted before it runs: the callee's own callees may call it back (it
  // is then in progress, and unknown to them).
  auto Owned = std::make_unique<Entry>();
  Entry &Computed = *Owned;
  Entries.try_emplace(Function, std::move(Owned));
  Computed.InProgress = true;
  ++Depth;
  FunctionFlow Flow(Function, Context, Budget, *this);
  Flow.run();
  Computed.Summary = Flow.summary();
  --Depth;
  Computed.InProgress = false;
  return &Computed.Summary;
}

bool CalleeSummaries::beginAnalysis(const FunctionDecl *Function) {
  auto [Found, Inserted] = Entries.try_emplace(Function);
  if (Inserted)
    Found->second = std::make_unique<Entry>();
  Found->second->InProgress = true;
  return Inserted;
}

void CalleeSummaries::endAnalysis(const FunctionDecl *Function, bool Record,
                                  CalleeSummary Summary) {
  Entry &Ended = *Entries[Function];
  Ended.InProgress = false;
  if (Record)
    Ended.Summary = std::move(Summary);
}

} // namespace clang::tidy::leash::flow
