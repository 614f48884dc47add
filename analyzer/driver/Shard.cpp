//===--- Shard.cpp - One of N parts of a run's translation units ----------===//

#include "Shard.h"

#include "llvm/Support/xxhash.h"

namespace leash {

llvm::Expected<Shard> Shard::parse(llvm::StringRef Text) {
  auto Fail = [&](const llvm::Twine &Why) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "bad --shard '" + Text + "': " + Why +
                                       "; use I/N with 1 <= I <= N, as in "
                                       "--shard 1/4");
  };
  auto [IndexText, CountText] = Text.split('/');
  Shard Result;
  // getAsInteger rejects signs, spaces and trailing text.
  if (IndexText.empty() || CountText.empty() ||
      IndexText.getAsInteger(10, Result.Index) ||
      CountText.getAsInteger(10, Result.Count))
    return Fail("not two numbers I/N");
  if (Result.Count == 0)
    return Fail("N is 0");
  if (Result.Index == 0)
    return Fail("I counts from 1");
  if (Result.Index > Result.Count)
    return Fail("I is greater than N");
  return Result;
}

unsigned shardOf(llvm::StringRef RelativePath, unsigned Count) {
  // xxHash64 is a fixed algorithm, unlike std::hash: every machine agrees.
  return static_cast<unsigned>(llvm::xxHash64(RelativePath) % Count) + 1;
}

bool Shard::contains(llvm::StringRef RelativePath) const {
  return shardOf(RelativePath, Count) == Index;
}

std::string Shard::str() const {
  return std::to_string(Index) + "/" + std::to_string(Count);
}

} // namespace leash
