//===--- RulesCommand.h - `leash rules` and `leash explain` ---------------===//
///
/// \file
/// The two commands that describe the rules: `leash rules` lists the
/// catalogue, `leash explain RULE` prints one rule's page. Both read the
/// catalogue built into the binary (Catalogue.h).
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_RULESCOMMAND_H
#define LEASH_DRIVER_RULESCOMMAND_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

namespace leash {

/// Lists every rule, one a line: id, group, `implemented` or `planned`, and
/// its summary, in aligned columns. Returns an ExitStatus.
int runRules(llvm::raw_ostream &OS);

/// Prints the page of rule \p Id; an unknown id is a usage error (one line
/// on stderr). Returns an ExitStatus.
int runExplain(llvm::StringRef Id, llvm::raw_ostream &OS);

} // namespace leash

#endif // LEASH_DRIVER_RULESCOMMAND_H
