/// Tests of the console capsule: output buffering, echo and line input.
#include "capsules/console.h"
#include "support/fake_uart.h"
#include "support/host_hooks.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace {

using host_tests::FakeUart;

/// A client that logs what the console hands it.
class Recorder final : public capsules::ConsoleClient {
public:
  void line_received(std::string_view line) const override {
    lines.emplace_back(line);
  }
  void end_of_input() const override { ++ends; }
  void output_drained() const override { ++drains; }
  void input_stopped(kernel::ErrorCode error) const override {
    stops.push_back(error);
  }

  mutable std::vector<std::string> lines;
  mutable int ends = 0;
  mutable int drains = 0;
  mutable std::vector<kernel::ErrorCode> stops;
};

/// A console with an 8-byte transmit lease over a fake UART. Each test gets
/// fresh storage for its leases (one lease per array, as in the kernel).
class ConsoleTest : public ::testing::Test {
protected:
  ConsoleTest()
      : console_(uart_, leash::Lease<std::uint8_t>::from(transmit_storage_),
                 leash::Lease<std::uint8_t>::from(receive_storage_)) {
    uart_.set_transmit_client(console_);
    uart_.set_receive_client(console_);
    console_.set_client(client_);
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  std::uint8_t transmit_storage_[8] = {};
  std::uint8_t receive_storage_[1] = {};
  FakeUart uart_;
  Recorder client_;
  capsules::Console console_;
  std::size_t violations_before_ = 0;
};

TEST_F(ConsoleTest, WritesGoOutAtOnceWhenIdle) {
  EXPECT_EQ(console_.write("hi"), 2U);
  EXPECT_EQ(uart_.chunks, std::vector<std::string>{"hi"});
  EXPECT_FALSE(console_.output_is_drained());
  uart_.complete_transmit();
  EXPECT_TRUE(console_.output_is_drained());
  EXPECT_EQ(client_.drains, 1);
}

TEST_F(ConsoleTest, WritesWaitWhileATransmissionRuns) {
  console_.write("a");
  console_.write("bc");
  console_.write_line("d");
  EXPECT_EQ(uart_.chunks, std::vector<std::string>{"a"});
  uart_.complete_transmit();
  EXPECT_EQ(uart_.chunks, (std::vector<std::string>{"a", "bcd\r\n"}));
  EXPECT_EQ(client_.drains, 0); // Output is still in flight.
  uart_.complete_transmit();
  EXPECT_EQ(client_.drains, 1);
}

TEST_F(ConsoleTest, LongOutputLeavesInLeaseSizedChunksInOrder) {
  const std::string text = "0123456789abcdefghijklmnopqrstuvwxyz";
  EXPECT_EQ(console_.write(text), text.size());
  EXPECT_EQ(uart_.drain(), text);
  for (const std::string &chunk : uart_.chunks) {
    EXPECT_LE(chunk.size(), 8U);
  }
  EXPECT_EQ(uart_.chunks.size(), 5U); // 8 + 8 + 8 + 8 + 4.
}

TEST_F(ConsoleTest, AFullQueueTakesWhatFitsAndDropsTheRest) {
  const std::string text(capsules::Console::output_capacity + 100, 'x');
  EXPECT_EQ(console_.write(text), capsules::Console::output_capacity);
  EXPECT_EQ(uart_.drain().size(), capsules::Console::output_capacity);
}

TEST_F(ConsoleTest, ARefusedTransmissionKeepsTheBytesQueued) {
  uart_.refuse = true;
  console_.write("abc");
  EXPECT_TRUE(uart_.chunks.empty());
  EXPECT_FALSE(console_.output_is_drained());
  uart_.refuse = false;
  console_.write("d");
  EXPECT_EQ(uart_.drain(), "abcd");
}

TEST_F(ConsoleTest, BytesOfAnAbortedTransmissionAreSentAgain) {
  console_.write("abcdef");
  uart_.end_transmit(2, kernel::Result::failure(kernel::ErrorCode::cancel));
  // The four bytes the UART did not send go out next, before later output.
  ASSERT_EQ(uart_.chunks.size(), 2U);
  EXPECT_EQ(uart_.chunks[1], "cdef");
  console_.write("g");
  EXPECT_EQ(uart_.drain(), "abcdefcdefg");
  EXPECT_TRUE(console_.output_is_drained());
}

TEST_F(ConsoleTest, APartialTransmissionLosesNoByte) {
  const std::string text = "0123456789abcdefghij";
  console_.write(text);
  std::string sent;
  while (uart_.is_transmitting()) {
    // The UART takes at most three bytes of every chunk.
    const std::string chunk = uart_.chunks.back();
    const std::size_t taken = chunk.size() < 3 ? chunk.size() : 3;
    sent += chunk.substr(0, taken);
    uart_.end_transmit(
        taken, taken == chunk.size()
                   ? kernel::Result::ok()
                   : kernel::Result::failure(kernel::ErrorCode::cancel));
  }
  EXPECT_EQ(sent, text);
  EXPECT_TRUE(console_.output_is_drained());
}

TEST_F(ConsoleTest, EchoesTypingAndHandsOverLines) {
  ASSERT_TRUE(console_.start_input().is_ok());
  uart_.type("hi\r");
  EXPECT_EQ(uart_.drain(), "hi\r\n");
  EXPECT_EQ(client_.lines, std::vector<std::string>{"hi"});
  EXPECT_TRUE(uart_.is_receiving()); // Listening again.
}

TEST_F(ConsoleTest, BackspaceAndDeleteEraseOnTheLineAndOnScreen) {
  ASSERT_TRUE(console_.start_input().is_ok());
  uart_.type("ab\x7f"
             "c\x08"
             "d\n");
  EXPECT_EQ(client_.lines, std::vector<std::string>{"ad"});
  EXPECT_EQ(uart_.drain(), "ab\b \bc\b \bd\r\n");
}

TEST_F(ConsoleTest, CarriageReturnLineFeedEndsOneLine) {
  ASSERT_TRUE(console_.start_input().is_ok());
  uart_.type("x\r\ny\n\n");
  EXPECT_EQ(client_.lines, (std::vector<std::string>{"x", "y", ""}));
}

TEST_F(ConsoleTest, ControlDEndsTheInput) {
  ASSERT_TRUE(console_.start_input().is_ok());
  uart_.type("\x04");
  EXPECT_EQ(client_.ends, 1);
  EXPECT_EQ(uart_.drain(), ""); // Not echoed.
}

TEST_F(ConsoleTest, ALineLongerThanItsBufferIsCutAtTheCapacity) {
  ASSERT_TRUE(console_.start_input().is_ok());
  const std::string typed(capsules::Console::line_capacity + 5, 'z');
  uart_.type(typed + "\n");
  ASSERT_EQ(client_.lines.size(), 1U);
  EXPECT_EQ(client_.lines[0].size(), capsules::Console::line_capacity);
}

TEST_F(ConsoleTest, InputStartsOnceAndStopsWhenCancelled) {
  ASSERT_TRUE(console_.start_input().is_ok());
  EXPECT_FALSE(console_.start_input().is_ok()); // The lease is in use.
  uart_.complete_receive("",
                         kernel::Result::failure(kernel::ErrorCode::cancel));
  EXPECT_FALSE(uart_.is_receiving());
  EXPECT_TRUE(console_.start_input().is_ok()); // The lease came back.
}

TEST_F(ConsoleTest, ARefusedReceptionKeepsTheLeaseAndSaysWhy) {
  uart_.refuse = true;
  uart_.refuse_with = kernel::ErrorCode::busy;
  EXPECT_EQ(console_.start_input(),
            kernel::Result::failure(kernel::ErrorCode::busy));
  uart_.refuse = false;
  EXPECT_TRUE(console_.start_input().is_ok());
}

TEST_F(ConsoleTest, InputThatCannotRestartIsReportedToTheClient) {
  ASSERT_TRUE(console_.start_input().is_ok());
  uart_.refuse = true;
  uart_.type("a");
  EXPECT_EQ(client_.stops,
            std::vector<kernel::ErrorCode>{kernel::ErrorCode::off});
  EXPECT_FALSE(uart_.is_receiving());
  uart_.refuse = false;
  EXPECT_TRUE(console_.start_input().is_ok()); // The lease was kept.
}

} // namespace
