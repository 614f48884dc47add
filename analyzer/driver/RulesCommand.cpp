//===--- RulesCommand.cpp - `leash rules` and `leash explain` -------------===//

#include "RulesCommand.h"

#include "Catalogue.h"
#include "ExitStatus.h"

#include "llvm/Support/Format.h"
#include "llvm/Support/WithColor.h"

#include <algorithm>

namespace leash {

namespace {

constexpr llvm::StringLiteral Implemented = "implemented";
constexpr llvm::StringLiteral Planned = "planned";

llvm::StringRef status(bool IsImplemented) {
  return IsImplemented ? Implemented : Planned;
}

} // namespace

int runRules(llvm::raw_ostream &OS) {
  const Catalogue &C = Catalogue::get();
  size_t IdWidth = 0, GroupWidth = 0;
  for (const Rule &R : C.rules()) {
    IdWidth = std::max(IdWidth, R.Id.size());
    GroupWidth = std::max(GroupWidth, R.Group.size());
  }
  for (const std::string &Name : C.uncatalogued())
    IdWidth = std::max(IdWidth, Name.size());
  const size_t StatusWidth = std::max(Implemented.size(), Planned.size());

  for (const Rule &R : C.rules())
    OS << llvm::left_justify(R.Id, IdWidth) << "  "
       << llvm::left_justify(R.Group, GroupWidth) << "  "
       << llvm::left_justify(status(R.Implemented), StatusWidth) << "  "
       << R.Summary << '\n';
  // A registered check that the catalogue lacks is a defect of the build,
  // but it runs, so it is listed too.
  for (const std::string &Name : C.uncatalogued())
    OS << llvm::left_justify(Name, IdWidth) << "  "
       << llvm::left_justify("-", GroupWidth) << "  "
       << llvm::left_justify(Implemented, StatusWidth)
       << "  (not in rules/catalogue.json)\n";
  return ExitClean;
}

int runExplain(llvm::StringRef Id, llvm::raw_ostream &OS) {
  const Catalogue &C = Catalogue::get();
  const Rule *R = C.find(Id);
  if (!R) {
    if (llvm::is_contained(C.uncatalogued(), Id)) {
      OS << Id
         << ": a registered check that rules/catalogue.json does not "
            "describe\n";
      return ExitClean;
    }
    // The closest id, for a typo.
    const Rule *Closest = nullptr;
    unsigned Best = 4;
    for (const Rule &Candidate : C.rules()) {
      unsigned Distance = Id.edit_distance(Candidate.Id);
      if (Distance < Best) {
        Best = Distance;
        Closest = &Candidate;
      }
    }
    auto &Error = llvm::WithColor::error(llvm::errs(), "leash")
                  << "unknown rule '" << Id << "'; ";
    if (Closest)
      Error << "did you mean '" << Closest->Id << "'? ";
    Error << "'leash rules' lists the rules\n";
    return ExitUsage;
  }

  if (!R->Page.empty()) {
    OS << R->Page;
    if (!llvm::StringRef(R->Page).endswith("\n"))
      OS << '\n';
  } else {
    // No page yet: what the catalogue says.
    OS << "# " << R->Id << "\n\n"
       << R->Summary << ".\n\n"
       << R->Description << "\n\n"
       << "Group: " << R->Group << ". Severity: " << R->Severity << ".\n";
  }
  if (!R->Implemented)
    OS << "\nThis leash does not implement " << R->Id << " yet.\n";
  return ExitClean;
}

} // namespace leash
