//===--- FakeClangTidyHost.cpp - A host of another Clang version ----------===//
///
/// \file
/// Stands in for a clang-tidy of another major version: it exports
/// clang::getClangFullVersion() with the version given on its command line
/// (or none at all with "none") and loads the leash plugin, which must refuse
/// to run with one clear line and exit status 2.
///
//===----------------------------------------------------------------------===//

#include <dlfcn.h>

#include <cstdio>
#include <string>

namespace {
std::string HostVersion;
} // namespace

namespace clang {
/// The version string a clang-tidy reports; exported to the plugin.
__attribute__((visibility("default"))) std::string getClangFullVersion() {
  return HostVersion;
}
} // namespace clang

int main(int argc, char **argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PLUGIN VERSION\n", argv[0]);
    return 64;
  }
  HostVersion = argv[2];
  std::string Plugin = argv[1];
  if (HostVersion == "none") {
    // Without the symbol: load through a namespace that cannot see ours.
    if (!dlmopen(LM_ID_NEWLM, Plugin.c_str(), RTLD_NOW))
      std::fprintf(stderr, "not loaded: %s\n", dlerror());
    return 0;
  }
  if (!dlopen(Plugin.c_str(), RTLD_NOW | RTLD_GLOBAL))
    std::fprintf(stderr, "not loaded: %s\n", dlerror());
  std::puts("the plugin loaded");
  return 0;
}
