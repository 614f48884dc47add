//===--- GccDriverQuery.h - Ask a GCC driver for its target and headers ---===//
///
/// \file
/// A GCC cross compiler knows its target and where its C and C++ headers are;
/// Clang does not. Like clangd's --query-driver, leash runs the real driver
/// once per driver and flag set and reads both from its verbose output; and,
/// what clangd does not, GCC's view of the language from its predefined
/// macros: its version (Clang says it is GCC 4.2) and the types behind
/// `<stdint.h>` (arm-none-eabi's int32_t is long, Clang's would be int), so
/// that the unit Clang sees has the types the firmware has.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_GCCDRIVERQUERY_H
#define LEASH_DRIVER_GCCDRIVERQUERY_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace leash {

/// What a GCC driver said about itself for one flag set.
struct DriverInfo {
  /// The target triple from the driver's `Target:` line.
  std::string Target;
  /// The `#include <...>` search list, in the driver's order.
  std::vector<std::string> SystemIncludes;
  /// `__GNUC__.__GNUC_MINOR__.__GNUC_PATCHLEVEL__`, for Clang's
  /// `-fgnuc-version=`; empty if the driver did not say.
  std::string GnucVersion;
  /// GCC's type macros (`__INT32_TYPE__`, `__SIZE_TYPE__`, ...): name and
  /// definition, for Clang's `-U`/`-D`.
  std::vector<std::pair<std::string, std::string>> TypeMacros;
};

/// Adds what the predefined macros of `<driver> -E -dM` (\p Macros) say of
/// GCC's version and types to \p Info.
void parsePredefinedMacros(llvm::StringRef Macros, DriverInfo &Info);

/// Parses the stderr of `<driver> <flags> -E -x <lang> - -v`. Fails when the
/// output has no target or no search list.
llvm::Expected<DriverInfo> parseDriverOutput(llvm::StringRef Output);

/// Runs GCC drivers and caches what they said, per driver and flag set.
/// Not thread-safe: leash adjusts every command before it starts workers.
class GccDriverQuery {
public:
  /// Queries \p Driver with the flags of \p Flags that select headers
  /// (-m*, --sysroot, -specs, -nostdinc*, -std) for language \p Language
  /// ("c" or "c++").
  llvm::Expected<DriverInfo> query(llvm::StringRef Driver,
                                   const std::vector<std::string> &Flags,
                                   llvm::StringRef Language);

  /// The flags of a compile command that change a GCC driver's target or
  /// header search list, and so form the cache key.
  static std::vector<std::string>
  headerSelectingFlags(const std::vector<std::string> &Arguments);

private:
  std::map<std::string, DriverInfo> Cache;
};

} // namespace leash

#endif // LEASH_DRIVER_GCCDRIVERQUERY_H
