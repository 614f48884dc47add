//===--- WorkerPool.h - Analyse translation units in child processes ------===//
///
/// \file
/// Translation units are analysed in at most N forked workers, each serving
/// one unit at a time and many units in turn. Processes rather than threads
/// so that a crash inside one check fails that unit alone, and is reported
/// as such, instead of ending the run; the crashed worker is replaced.
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

/// Runs \p Analyse for every file in up to \p Jobs workers; results come
/// back in the order of \p Files.
std::vector<TranslationUnitResult>
runInWorkers(const std::vector<std::string> &Files, unsigned Jobs,
             const AnalyseFunction &Analyse, const ProgressFunction &Progress);

} // namespace leash

#endif // LEASH_DRIVER_WORKERPOOL_H
