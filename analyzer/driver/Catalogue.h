//===--- Catalogue.h - The rules leash knows, and which are implemented ---===//
///
/// \file
/// The rule catalogue (rules/catalogue.json) and the rule pages
/// (rules/<id>.md), built into the binary, and the checks actually registered
/// with clang-tidy's registry: a rule is implemented when a check of its id is
/// registered.
///
//===----------------------------------------------------------------------===//

#ifndef LEASH_DRIVER_CATALOGUE_H
#define LEASH_DRIVER_CATALOGUE_H

#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace leash {

/// One rule of the catalogue.
struct Rule {
  /// The rule id, which is also its check's name: `leash-...`.
  std::string Id;
  /// The part of the discipline it enforces: `sharing`, `lease`, `unsafe`.
  std::string Group;
  /// The severity of its findings: `warning` or `error`.
  std::string Severity;
  /// One line.
  std::string Summary;
  /// What exactly it finds, in a paragraph.
  std::string Description;
  /// The rule's page (Markdown), empty when the rule has none yet.
  std::string Page;
  /// Whether a check of this id is registered in this binary.
  bool Implemented = false;
};

/// The catalogue as built into leash.
class Catalogue {
public:
  /// The catalogue, read once. The embedded catalogue is checked when it is
  /// read; a malformed one is a build defect and ends the program with a
  /// message.
  static const Catalogue &get();

  /// Every rule, in the catalogue's order.
  const std::vector<Rule> &rules() const { return Rules; }

  /// The rule \p Id, or null.
  const Rule *find(llvm::StringRef Id) const;

  /// Checks registered under `leash-*` that the catalogue does not list.
  const std::vector<std::string> &uncatalogued() const { return Uncatalogued; }

private:
  Catalogue() = default;
  std::vector<Rule> Rules;
  std::vector<std::string> Uncatalogued;
};

/// The names of every registered check that matches the clang-tidy glob
/// list \p Globs (for example "-*,leash-*").
std::vector<std::string> registeredChecks(llvm::StringRef Globs);

} // namespace leash

#endif // LEASH_DRIVER_CATALOGUE_H
