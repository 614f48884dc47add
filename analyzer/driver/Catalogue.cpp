//===--- Catalogue.cpp - The rules leash knows, and which are implemented -===//

#include "Catalogue.h"

#include "EmbeddedRuleFiles.h"

#include "clang-tidy/ClangTidy.h"
#include "llvm/Support/ErrorHandling.h"

#include <nlohmann/json.hpp>

#include <set>

namespace leash {

namespace {

/// The string member \p Key of \p Object, or an empty string when it is
/// missing or not a string.
std::string stringMember(const nlohmann::json &Object, const char *Key) {
  auto Found = Object.find(Key);
  if (Found == Object.end() || !Found->is_string())
    return {};
  return Found->get<std::string>();
}

[[noreturn]] void malformed(const std::string &Why) {
  llvm::report_fatal_error(
      llvm::Twine("the rule catalogue built into leash is malformed: ") + Why,
      /*gen_crash_diag=*/false);
}

} // namespace

std::vector<std::string> registeredChecks(llvm::StringRef Globs) {
  clang::tidy::ClangTidyOptions Options;
  Options.Checks = Globs.str();
  return clang::tidy::getCheckNames(Options,
                                    /*AllowEnablingAnalyzerAlphaCheckers=*/
                                    false);
}

const Catalogue &Catalogue::get() {
  static const Catalogue Instance = [] {
    Catalogue Result;
    llvm::ArrayRef<EmbeddedFile> Files = embeddedRuleFiles();
    if (Files.empty() || Files.front().Name != "catalogue.json")
      malformed("catalogue.json is missing");
    nlohmann::json Root = nlohmann::json::parse(
        Files.front().Contents.begin(), Files.front().Contents.end(), nullptr,
        /*allow_exceptions=*/false);
    if (Root.is_discarded() || !Root.is_object() || !Root.contains("rules") ||
        !Root["rules"].is_array())
      malformed("it is not an object with a \"rules\" array");

    std::vector<std::string> Registered = registeredChecks("-*,leash-*");
    std::set<std::string> Implemented(Registered.begin(), Registered.end());
    std::set<std::string> Seen;
    for (const nlohmann::json &Entry : Root["rules"]) {
      if (!Entry.is_object())
        malformed("a rule is not an object");
      Rule R;
      R.Id = stringMember(Entry, "id");
      R.Group = stringMember(Entry, "group");
      R.Severity = stringMember(Entry, "severity");
      R.Summary = stringMember(Entry, "summary");
      R.Description = stringMember(Entry, "description");
      if (R.Id.empty() || R.Summary.empty() || R.Description.empty())
        malformed("a rule lacks an id, a summary or a description");
      if (!Seen.insert(R.Id).second)
        malformed("rule '" + R.Id + "' is listed twice");
      if (R.Severity.empty())
        R.Severity = "warning";
      for (const EmbeddedFile &File : Files.drop_front())
        if (File.Name == R.Id + ".md")
          R.Page = File.Contents.str();
      R.Implemented = Implemented.count(R.Id) != 0;
      Result.Rules.push_back(std::move(R));
    }
    for (const std::string &Name : Registered)
      if (!Seen.count(Name))
        Result.Uncatalogued.push_back(Name);
    return Result;
  }();
  return Instance;
}

const Rule *Catalogue::find(llvm::StringRef Id) const {
  for (const Rule &R : Rules)
    if (R.Id == Id)
      return &R;
  return nullptr;
}

} // namespace leash
