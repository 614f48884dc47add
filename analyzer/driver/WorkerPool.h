//===--- WorkerPool.h - Analyse translation units in child processes ------===//
///
/// \file
/// Each translation unit is analysed in a forked child, at most N at a time.
/// Processes rather than threads so that a crash inside one check fails that
/// unit alone, and is reported as such, instead of ending the run.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_WORKERPOOL_H
#define LEASH_DRIVER_WORKERPOOL_H

#include "Finding.h"

#include <functional>
#include <string>
#include <vector>

namespace leash {

/// Called in the child for each unit.
using AnalyseFunction =
    std::function<TranslationUnitResult(const std::string &File)>;
/// Called in the parent as each unit finishes, with the count so far.
using ProgressFunction = std::function<void(const TranslationUnitResult &Result,
                                            size_t Done, size_t Total)>;

/// Runs \p Analyse for every file in up to \p Jobs children; results come
/// back in the order of \p Files.
std::vector<TranslationUnitResult>
runInWorkers(const std::vector<std::string> &Files, unsigned Jobs,
             const AnalyseFunction &Analyse, const ProgressFunction &Progress);

} // namespace leash

#endif // LEASH_DRIVER_WORKERPOOL_H
