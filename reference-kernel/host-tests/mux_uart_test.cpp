/// Tests of the UART mux and its devices: turns, refusals, aborts, leases.
#include "capsules/console.h"
#include "capsules/mux_uart.h"
#include "capsules/transmit_queue.h"
#include "capsules/uart_device.h"
#include "kernel/deferred_call.h"
#include "support/fake_uart.h"
#include "support/host_hooks.h"

#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using host_tests::FakeUart;
using Bytes = leash::Lease<std::uint8_t>;

/// A device's client: keeps its lease at home between transmissions and
/// logs how each ended.
class Writer final : public kernel::hil::uart::TransmitClient,
                     public kernel::hil::uart::ReceiveClient {
public:
  struct Ending {
    std::size_t sent;
    kernel::Result result;
  };

  Writer(const capsules::UartDevice &device, std::uint8_t (&storage)[8])
      : device_(device) {
    home.put(Bytes::from(storage));
    device_.set_transmit_client(*this);
    device_.set_receive_client(*this);
  }

  /// Asks the device to send `text`; returns the refusal's reason, if any.
  std::optional<kernel::ErrorCode> send(const std::string &text) const {
    Bytes buffer = home.take();
    for (std::size_t index = 0; index < text.size() && index < buffer.size();
         ++index) {
      buffer[index] = static_cast<std::uint8_t>(text[index]);
    }
    kernel::hil::uart::BufferRefusal refusal =
        device_.transmit(std::move(buffer), text.size());
    if (!refusal) {
      return std::nullopt;
    }
    const kernel::ErrorCode error = refusal.error();
    home.put(std::move(refusal).value());
    return error;
  }

  void transmitted(Bytes buffer, std::size_t sent,
                   kernel::Result result) const override {
    home.put(std::move(buffer));
    endings.push_back({sent, result});
    if (on_transmitted) {
      on_transmitted();
    }
  }
  void received(Bytes buffer, std::size_t length,
                kernel::Result) const override {
    home.put(std::move(buffer));
    receptions.push_back(length);
  }

  const capsules::UartDevice &device_;
  mutable leash::TakeCell<Bytes> home;
  mutable std::vector<Ending> endings;
  mutable std::vector<std::size_t> receptions;
  mutable std::function<void()> on_transmitted;
};

/// Three devices on one mux over a fake UART.
class MuxUartTest : public ::testing::Test {
protected:
  MuxUartTest() {
    uart_.set_transmit_client(mux_);
    uart_.set_receive_client(mux_);
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    run_deferred_calls();
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
    // Every lease came home.
    EXPECT_TRUE(a_.home.is_some());
    EXPECT_TRUE(b_.home.is_some());
    EXPECT_TRUE(c_.home.is_some());
  }

  static void run_deferred_calls() {
    while (kernel::DeferredCall::service_next_pending()) {
    }
  }

  FakeUart uart_;
  capsules::MuxUart mux_{uart_};
  capsules::UartDevice device_a_{mux_}, device_b_{mux_}, device_c_{mux_};
  std::uint8_t storage_a_[8] = {}, storage_b_[8] = {}, storage_c_[8] = {};
  std::uint8_t spare_[8] = {};
  leash::TakeCell<Bytes> spare_home_;
  Writer a_{device_a_, storage_a_}, b_{device_b_, storage_b_},
      c_{device_c_, storage_c_};
  std::size_t violations_before_ = 0;
};

TEST_F(MuxUartTest, TransmissionsOfTwoDevicesComeOutWholeOneAfterTheOther) {
  EXPECT_EQ(a_.send("AAAA"), std::nullopt);
  EXPECT_EQ(b_.send("BBBBBB"), std::nullopt); // Accepted: waits its turn.
  EXPECT_EQ(uart_.chunks, std::vector<std::string>{"AAAA"});
  uart_.complete_transmit();
  ASSERT_EQ(a_.endings.size(), 1U);
  EXPECT_EQ(a_.endings[0].sent, 4U);
  EXPECT_EQ(uart_.chunks, (std::vector<std::string>{"AAAA", "BBBBBB"}));
  uart_.complete_transmit();
  ASSERT_EQ(b_.endings.size(), 1U);
  EXPECT_EQ(b_.endings[0].sent, 6U);
  EXPECT_TRUE(b_.endings[0].result.is_ok());
}

TEST_F(MuxUartTest, WaitingDevicesTakeTurnsRoundRobin) {
  // A writes again from each callback, for three chunks; B and C wait.
  int a_chunks = 1;
  a_.on_transmitted = [&] {
    if (a_chunks < 3) {
      ++a_chunks;
      EXPECT_EQ(a_.send("a"), std::nullopt);
    }
  };
  EXPECT_EQ(a_.send("a"), std::nullopt);
  EXPECT_EQ(c_.send("c"), std::nullopt);
  EXPECT_EQ(b_.send("b"), std::nullopt);
  EXPECT_EQ(uart_.drain(), "aaabc"); // A goes on, then B and C in order.
}

TEST_F(MuxUartTest, ADeviceThatKeepsWritingYieldsAfterItsTurn) {
  int a_chunks = 1;
  a_.on_transmitted = [&] {
    if (a_chunks < 40) {
      ++a_chunks;
      EXPECT_EQ(a_.send("a"), std::nullopt);
    }
  };
  EXPECT_EQ(a_.send("a"), std::nullopt);
  EXPECT_EQ(b_.send("b"), std::nullopt);
  const std::string sent = uart_.drain();
  EXPECT_EQ(sent.find('b'), capsules::MuxUart::turn_length);
  EXPECT_EQ(sent.size(), 41U);
}

TEST_F(MuxUartTest, ASecondRequestOfTheSameDeviceIsRefusedAsBusy) {
  EXPECT_EQ(a_.send("1"), std::nullopt);
  a_.home.put(Bytes::from(spare_));
  EXPECT_EQ(a_.send("2"), kernel::ErrorCode::busy);
  spare_home_.put(a_.home.take()); // The spare lease, handed back.
  EXPECT_TRUE(spare_home_.is_some());
  uart_.complete_transmit();
  EXPECT_EQ(uart_.chunks, std::vector<std::string>{"1"});
}

TEST_F(MuxUartTest, RequestsWithABadLengthAreRefusedBySize) {
  EXPECT_EQ(a_.send(""), kernel::ErrorCode::size);
  EXPECT_EQ(a_.send("123456789"), kernel::ErrorCode::size); // Lease: 8.
  EXPECT_TRUE(uart_.chunks.empty());
}

TEST_F(MuxUartTest, TheUartsRefusalIsTheDevicesWhenItStartsAtOnce) {
  uart_.refuse = true;
  uart_.refuse_with = kernel::ErrorCode::off;
  EXPECT_EQ(a_.send("x"), kernel::ErrorCode::off);
  uart_.refuse = false;
  EXPECT_EQ(a_.send("y"), std::nullopt); // The device is idle again.
  uart_.complete_transmit();
}

TEST_F(MuxUartTest, AWaitingRequestThatTheUartRefusesEndsWithItsReason) {
  EXPECT_EQ(a_.send("a"), std::nullopt);
  EXPECT_EQ(b_.send("b"), std::nullopt);
  uart_.refuse = true;
  uart_.complete_transmit();
  ASSERT_EQ(b_.endings.size(), 1U);
  EXPECT_EQ(b_.endings[0].sent, 0U);
  EXPECT_EQ(b_.endings[0].result,
            kernel::Result::failure(kernel::ErrorCode::off));
}

TEST_F(MuxUartTest, AnAbortedWaitingRequestComesBackLaterWithCancel) {
  EXPECT_EQ(a_.send("a"), std::nullopt);
  EXPECT_EQ(b_.send("b"), std::nullopt);
  EXPECT_TRUE(device_b_.abort_transmit().is_ok());
  EXPECT_TRUE(b_.endings.empty()); // Never from inside the abort.
  run_deferred_calls();
  ASSERT_EQ(b_.endings.size(), 1U);
  EXPECT_EQ(b_.endings[0].result,
            kernel::Result::failure(kernel::ErrorCode::cancel));
  uart_.complete_transmit();
  EXPECT_EQ(uart_.chunks, std::vector<std::string>{"a"});
}

TEST_F(MuxUartTest, AbortingAnIdleDeviceSaysOff) {
  EXPECT_EQ(device_a_.abort_transmit(),
            kernel::Result::failure(kernel::ErrorCode::off));
  EXPECT_EQ(device_a_.abort_receive(),
            kernel::Result::failure(kernel::ErrorCode::off));
}

TEST_F(MuxUartTest, OneDeviceReceivesAtATime) {
  Bytes a_buffer = a_.home.take();
  kernel::hil::uart::BufferRefusal refusal =
      device_a_.receive(std::move(a_buffer), 1);
  ASSERT_FALSE(refusal);
  Bytes b_buffer = b_.home.take();
  refusal = device_b_.receive(std::move(b_buffer), 1);
  ASSERT_TRUE(refusal);
  EXPECT_EQ(refusal.error(), kernel::ErrorCode::busy);
  b_.home.put(std::move(refusal).value());
  uart_.complete_receive("x");
  EXPECT_EQ(a_.receptions, std::vector<std::size_t>{1});
  EXPECT_TRUE(b_.receptions.empty());
}

/// The console and the kernel's debug output share one UART through the
/// mux: whatever order they write in, each one's text comes out whole.
TEST(MuxUartSharingTest, ConsoleAndDebugOutputInterleavedComeOutWhole) {
  const std::size_t violations_before = host_tests::violation_count();
  static std::uint8_t console_tx[8], console_rx[1], debug_tx[8];
  FakeUart uart;
  capsules::MuxUart mux{uart};
  uart.set_transmit_client(mux);
  uart.set_receive_client(mux);
  capsules::UartDevice console_device{mux}, debug_device{mux};
  capsules::Console console{console_device, Bytes::from(console_tx),
                            Bytes::from(console_rx)};
  console_device.set_transmit_client(console);
  capsules::TransmitQueue debug{debug_device, Bytes::from(debug_tx)};
  debug_device.set_transmit_client(debug);

  console.write("console: one long line, ");
  debug.write("[debug one]\r\n");
  console.write("written in three parts, ");
  uart.complete_transmit(); // The console's first chunk is out.
  debug.write("[debug two]\r\n");
  console.write_line("then ended.");
  const std::string sent = uart.drain();

  EXPECT_EQ(sent, "console: one long line, written in three parts, "
                  "then ended.\r\n[debug one]\r\n[debug two]\r\n");
  EXPECT_TRUE(console.output_is_drained());
  EXPECT_TRUE(debug.is_drained());
  EXPECT_EQ(host_tests::violation_count(), violations_before);
}

} // namespace
