//===--- MessageText.h - Pieces of the checks' messages ---------*- C++ -*-===//
///
/// \file
/// Text that several checks' messages build the same way.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_ANALYZER_CHECKS_UTILS_MESSAGETEXT_H
#define LEASH_ANALYZER_CHECKS_UTILS_MESSAGETEXT_H

#include "llvm/ADT/ArrayRef.h"

#include <string>

namespace clang::tidy::leash {

/// \p Words as a sentence lists them: "a", "a and b", "a, b and c".
inline std::string joinedWithAnd(llvm::ArrayRef<std::string> Words) {
  std::string Text;
  for (std::size_t Index = 0; Index < Words.size(); ++Index) {
    if (Index != 0)
      Text += Index + 1 == Words.size() ? " and " : ", ";
    Text += Words[Index];
  }
  return Text;
}

} // namespace clang::tidy::leash

#endif // LEASH_ANALYZER_CHECKS_UTILS_MESSAGETEXT_H
