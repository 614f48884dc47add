//===--- MacroUses.h - Where a unit's macros are used ------------*- C++
//-*-===//
///
/// \file
/// Checks report a finding that comes out of a macro at the macro's use,
/// where the user can act (`TEST(x)`), not inside its definition. But the
/// name in the message may then be one that appears nowhere in the source
/// (`testxInstance`, pasted together by the macro). So leash records where
/// each macro of the main file and its headers is used, and a finding at a
/// macro's use carries the note "expanded from macro 'TEST'" at the macro's
/// definition, as Clang's own diagnostics do.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_MACROUSES_H
#define LEASH_DRIVER_MACROUSES_H

#include "Finding.h"

#include "clang/Lex/PPCallbacks.h"

#include <map>
#include <memory>
#include <string>
#include <utility>

namespace clang {
class SourceManager;
}

namespace leash {

/// A macro used at a place in a file.
struct MacroUse {
  std::string Name;
  /// Where the macro is defined (empty for a built-in macro).
  SourceLocation Definition;
};

/// The macro uses of one unit, by canonical file path and byte offset of
/// the use's first character.
using MacroUses = std::map<std::pair<std::string, unsigned>, MacroUse>;

/// Preprocessor callbacks that record into \p Uses every macro used
/// directly in a file (not inside another macro's expansion).
std::unique_ptr<clang::PPCallbacks>
makeMacroUseRecorder(const clang::SourceManager &Sources, MacroUses &Uses);

} // namespace leash

#endif // LEASH_DRIVER_MACROUSES_H
