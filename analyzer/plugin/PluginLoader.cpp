//===--- PluginLoader.cpp - Load the leash checks into clang-tidy-16 only -===//
///
/// \file
/// The library users pass to `clang-tidy-16 --load`. It depends on nothing
/// from LLVM, so it loads into any clang-tidy; it then asks the host for its
/// version and loads the checks (libLeashTidyChecks.so, beside it) only into
/// the clang-tidy they were built for. Loaded into another version, the
/// checks would fail with a symbol lookup error or, worse, silently report
/// nothing; this refuses with one clear line instead.
///
//===----------------------------------------------------------------------===//

#include <dlfcn.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#ifndef LEASH_CLANG_MAJOR
#error "the build must define LEASH_CLANG_MAJOR"
#endif

namespace {

constexpr int ExitRefused = 2;

[[noreturn]] void refuse(const std::string &Why) {
  std::fprintf(stderr, "leash plugin: %s\n", Why.c_str());
  std::fflush(stderr);
  ::_exit(ExitRefused);
}

/// The major version of the Clang libraries in this process, or -1.
int hostClangMajor() {
  // clang::getClangFullVersion(), present in every Clang since 3.x.
  using VersionFunction = std::string (*)();
  void *Symbol =
      ::dlsym(RTLD_DEFAULT, "_ZN5clang19getClangFullVersionB5cxx11Ev");
  if (!Symbol)
    return -1;
  std::string Version = reinterpret_cast<VersionFunction>(Symbol)();
  std::string::size_type At = Version.find("version ");
  if (At == std::string::npos)
    return -1;
  return std::atoi(Version.c_str() + At + 8);
}

std::string directoryOfThisLibrary() {
  Dl_info Info{};
  if (!::dladdr(reinterpret_cast<void *>(&hostClangMajor), &Info) ||
      !Info.dli_fname)
    return ".";
  std::string Path = Info.dli_fname;
  std::string::size_type Slash = Path.rfind('/');
  return Slash == std::string::npos ? "." : Path.substr(0, Slash);
}

__attribute__((constructor)) void loadLeashChecks() {
  int Major = hostClangMajor();
  if (Major != LEASH_CLANG_MAJOR)
    refuse("built for clang-tidy-" + std::to_string(LEASH_CLANG_MAJOR) +
           ", loaded into " +
           (Major < 0 ? std::string("a program without Clang")
                      : "clang-tidy " + std::to_string(Major)) +
           "; run clang-tidy-" + std::to_string(LEASH_CLANG_MAJOR) +
           " --load=... instead");
  std::string Checks = directoryOfThisLibrary() + "/libLeashTidyChecks.so";
  if (!::dlopen(Checks.c_str(), RTLD_NOW | RTLD_GLOBAL))
    refuse(std::string("cannot load the checks: ") + ::dlerror());
}

} // namespace
