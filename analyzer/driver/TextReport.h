//===--- TextReport.h - Findings as compiler-style text -------------------===//

#ifndef LEASH_DRIVER_TEXTREPORT_H
#define LEASH_DRIVER_TEXTREPORT_H

#include "Finding.h"

#include "llvm/Support/raw_ostream.h"

#include <vector>

namespace leash {

/// Writes findings as `file:line:col: warning: message [rule]`, each followed
/// by its source line with a caret and by its notes: the form that editors
/// and CI log parsers read.
void writeTextReport(const std::vector<Finding> &Findings,
                     llvm::raw_ostream &OS);

} // namespace leash

#endif // LEASH_DRIVER_TEXTREPORT_H
