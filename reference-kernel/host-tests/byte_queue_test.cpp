/// Tests of the console's containers: ByteQueue and LineBuffer.
#include "capsules/byte_queue.h"
#include "capsules/line_buffer.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string_view>

namespace {

TEST(ByteQueue, KeepsOrderAcrossTheEndOfItsStorage) {
  capsules::ByteQueue<4> queue;
  for (std::uint8_t round = 0; round < 10; ++round) {
    ASSERT_TRUE(queue.push(round));
    ASSERT_TRUE(queue.push(static_cast<std::uint8_t>(round + 100)));
    EXPECT_EQ(queue.peek(0), round);
    EXPECT_EQ(queue.peek(1), round + 100);
    queue.discard(2);
    EXPECT_TRUE(queue.is_empty());
  }
}

TEST(ByteQueue, RefusesWhenFullAndDiscardsNoMoreThanItHolds) {
  capsules::ByteQueue<2> queue;
  EXPECT_TRUE(queue.push(1));
  EXPECT_TRUE(queue.push(2));
  EXPECT_FALSE(queue.push(3));
  EXPECT_EQ(queue.free_space(), 0U);
  EXPECT_FALSE(queue.peek(2).has_value());
  queue.discard(5);
  EXPECT_EQ(queue.size(), 0U);
}

TEST(LineBuffer, AppendsErasesAndCopies) {
  capsules::LineBuffer<3> line;
  EXPECT_FALSE(line.erase_last());
  EXPECT_TRUE(line.append('a'));
  EXPECT_TRUE(line.append('b'));
  EXPECT_TRUE(line.append('c'));
  EXPECT_FALSE(line.append('d'));
  EXPECT_EQ(line.view(), "abc");
  EXPECT_TRUE(line.erase_last());
  std::array<char, 3> copy{};
  EXPECT_EQ(line.copy_to(copy), 2U);
  EXPECT_EQ(std::string_view(copy.data(), 2), "ab");
  line.clear();
  EXPECT_TRUE(line.is_empty());
}

} // namespace
