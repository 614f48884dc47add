//===--- ShardTest.cpp - Unit tests of `--shard I/N` ----------------------===//

#include "Shard.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

namespace leash {
namespace {

std::string parseError(llvm::StringRef Text) {
  auto Parsed = Shard::parse(Text);
  if (Parsed)
    return "parsed";
  return llvm::toString(Parsed.takeError());
}

TEST(ShardParse, AcceptsOneBasedParts) {
  for (const char *Text : {"1/1", "1/3", "3/3", "12/40"}) {
    auto Parsed = Shard::parse(Text);
    ASSERT_TRUE(static_cast<bool>(Parsed)) << Text;
    EXPECT_EQ(Parsed->str(), Text);
  }
  auto Parsed = Shard::parse("2/5");
  ASSERT_TRUE(static_cast<bool>(Parsed));
  EXPECT_EQ(Parsed->Index, 2u);
  EXPECT_EQ(Parsed->Count, 5u);
}

TEST(ShardParse, RefusesWithOneLineSayingWhy) {
  EXPECT_EQ(parseError("0/3"), "bad --shard '0/3': I counts from 1; use I/N "
                               "with 1 <= I <= N, as in --shard 1/4");
  EXPECT_NE(parseError("4/3").find("I is greater than N"), std::string::npos);
  EXPECT_NE(parseError("1/0").find("N is 0"), std::string::npos);
  for (const char *Text :
       {"x/2", "1", "1/", "/2", "-1/2", "1/2/3", " 1/2", "1/2 ", "1.5/2", ""})
    EXPECT_NE(parseError(Text).find("not two numbers I/N"), std::string::npos)
        << "'" << Text << "'";
  for (const char *Text : {"0/3", "4/3", "x/2", "1/0"})
    EXPECT_EQ(parseError(Text).find('\n'), std::string::npos) << Text;
}

std::vector<std::string> paths(unsigned Count) {
  std::vector<std::string> Result;
  for (unsigned I = 0; I < Count; ++I)
    Result.push_back("src/dir" + std::to_string(I % 7) + "/unit" +
                     std::to_string(I) + ".cpp");
  return Result;
}

TEST(ShardSplit, EveryUnitIsInExactlyOnePart) {
  for (unsigned Count = 1; Count <= 9; ++Count)
    for (const std::string &Path : paths(300)) {
      unsigned In = 0;
      for (unsigned Index = 1; Index <= Count; ++Index)
        In += Shard{Index, Count}.contains(Path);
      EXPECT_EQ(In, 1u) << Path << " in " << Count;
      EXPECT_GE(shardOf(Path, Count), 1u);
      EXPECT_LE(shardOf(Path, Count), Count);
    }
}

TEST(ShardSplit, PartsAreOfSimilarSize) {
  std::vector<unsigned> Sizes(4, 0);
  for (const std::string &Path : paths(4000))
    ++Sizes[shardOf(Path, 4) - 1];
  for (unsigned Size : Sizes) {
    EXPECT_GT(Size, 800u);
    EXPECT_LT(Size, 1200u);
  }
}

TEST(ShardSplit, IsAFixedFunctionOfThePath) {
  // xxHash64 of the path: the same on every machine and in every leash
  // build. A change here reshuffles every CI's shards, so make it on
  // purpose.
  EXPECT_EQ(shardOf("src/a.cpp", 1), 1u);
  std::vector<unsigned> Golden;
  for (const char *Path :
       {"src/a.cpp", "kernel/sched.cpp", "capsules/console.cpp"})
    Golden.push_back(shardOf(Path, 5));
  EXPECT_EQ(Golden, (std::vector<unsigned>{5, 5, 2}));
}

} // namespace
} // namespace leash
