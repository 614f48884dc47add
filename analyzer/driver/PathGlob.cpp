//===--- PathGlob.cpp - File globs that match as a shell does -------------===//

#include "PathGlob.h"

#include "llvm/ADT/SmallVector.h"

namespace leash {
namespace {

/// The non-empty components of \p Path.
llvm::SmallVector<llvm::StringRef, 16> components(llvm::StringRef Path) {
  llvm::SmallVector<llvm::StringRef, 16> Parts;
  Path.split(Parts, '/', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  return Parts;
}

} // namespace

llvm::Expected<PathGlob> PathGlob::create(llvm::StringRef Pattern) {
  PathGlob Result;
  Result.Source = std::make_unique<std::string>(Pattern.str());
  for (llvm::StringRef Part : components(*Result.Source)) {
    Component C;
    if (Part == "**") {
      C.AnyDepth = true;
    } else {
      auto Glob = llvm::GlobPattern::create(Part);
      if (!Glob)
        return Glob.takeError();
      C.Glob = std::move(*Glob);
    }
    Result.Components.push_back(std::move(C));
  }
  return Result;
}

bool PathGlob::match(llvm::StringRef Path) const {
  auto Parts = components(Path);
  return match(Components, Parts);
}

bool PathGlob::match(llvm::ArrayRef<Component> Pattern,
                     llvm::ArrayRef<llvm::StringRef> Path) const {
  if (Pattern.empty())
    return Path.empty();
  const Component &First = Pattern.front();
  if (First.AnyDepth) {
    // `**` takes none, one, or more components.
    for (size_t Taken = 0; Taken <= Path.size(); ++Taken)
      if (match(Pattern.drop_front(), Path.drop_front(Taken)))
        return true;
    return false;
  }
  return !Path.empty() && First.Glob->match(Path.front()) &&
         match(Pattern.drop_front(), Path.drop_front());
}

} // namespace leash
