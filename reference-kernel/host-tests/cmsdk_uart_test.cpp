/// Tests of the CMSDK UART driver, the image's source, on a simulated UART.
#include "chips/mps2-an386/cmsdk_uart.h"
#include "kernel/deferred_call.h"
#include "support/host_hooks.h"
#include "support/recording_uart_client.h"
#include "support/simulated_cmsdk_uart.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using chips::mps2_an386::CmsdkUart;
using host_tests::SimulatedCmsdkUart;

/// The driver's client: logs completions, keeps the leases it gets back.
using Client = host_tests::RecordingUartClient;

/// The driver over the model, configured, with the client wired; `step`
/// plays the chip and the kernel loop: bottom halves for raised interrupt
/// lines, then deferred calls.
class CmsdkUartTest : public ::testing::Test {
protected:
  CmsdkUartTest() : uart_(model_.registers, 25'000'000) {
    uart_.set_transmit_client(client_);
    uart_.set_receive_client(client_);
    client_.transmit_buffer.put(leash::Lease<std::uint8_t>::from(tx_storage_));
    client_.receive_buffer.put(leash::Lease<std::uint8_t>::from(rx_storage_));
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    step();
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  void step() {
    for (int round = 0; round < 1000; ++round) {
      if (model_.transmit_interrupt()) {
        uart_.handle_transmit_interrupt();
      } else if (model_.receive_interrupt()) {
        uart_.handle_receive_interrupt();
      } else if (!kernel::DeferredCall::service_next_pending()) {
        return;
      }
    }
  }

  /// Starts transmitting `text` from the client's lease.
  bool transmit(const std::string &text) {
    leash::Lease<std::uint8_t> buffer = client_.transmit_buffer.take();
    for (std::size_t index = 0; index < text.size(); ++index) {
      buffer[index] = static_cast<std::uint8_t>(text[index]);
    }
    kernel::hil::uart::BufferRefusal refusal =
        uart_.transmit(std::move(buffer), text.size());
    return accepted(std::move(refusal), client_.transmit_buffer);
  }

  /// Starts receiving `length` bytes into the client's lease.
  bool receive(std::size_t length) {
    kernel::hil::uart::BufferRefusal refusal =
        uart_.receive(client_.receive_buffer.take(), length);
    return accepted(std::move(refusal), client_.receive_buffer);
  }

  /// Whether the request that answered `refusal` was accepted; if not, puts
  /// the lease back into `home` and keeps the reason in `last_refusal_`.
  bool accepted(kernel::hil::uart::BufferRefusal refusal,
                const leash::TakeCell<leash::Lease<std::uint8_t>> &home) {
    return host_tests::accepted(std::move(refusal), home, last_refusal_);
  }

  std::uint8_t tx_storage_[16] = {};
  std::uint8_t rx_storage_[16] = {};
  std::uint8_t spare_storage_[4] = {};
  /// Why the last refused request was refused.
  std::optional<kernel::ErrorCode> last_refusal_;
  /// Keeps a lease that a test got back, so that it is not lost.
  leash::TakeCell<leash::Lease<std::uint8_t>> spare_;
  SimulatedCmsdkUart model_;
  CmsdkUart uart_;
  Client client_;
  std::size_t violations_before_ = 0;
};

TEST_F(CmsdkUartTest, ConfigureSetsTheDividerAndEnablesBothDirections) {
  EXPECT_TRUE(uart_.configure({115'200}).is_ok());
  EXPECT_EQ(model_.registers.baud_divider.hardware_value(), 217U);
  EXPECT_EQ(model_.registers.control.hardware_value(), 0x3U);
  EXPECT_FALSE(uart_.configure({25'000'000}).is_ok()); // Divider below 16.
}

TEST_F(CmsdkUartTest, TransmitsEveryByteThenCallsBackFromTheBottomHalf) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(transmit("hello"));
  EXPECT_EQ(model_.sent, "hello");        // The hardware took them at once.
  EXPECT_TRUE(client_.transmits.empty()); // Never from inside the request.
  step();
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 5U);
  EXPECT_TRUE(client_.transmits[0].result.is_ok());
  EXPECT_TRUE(client_.transmit_buffer.is_some()); // The lease came back.
}

TEST_F(CmsdkUartTest, FeedsASlowTransmitterOneBytePerInterrupt) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("abc"));
  EXPECT_EQ(model_.sent, "a");
  for (int byte = 0; byte < 3; ++byte) {
    EXPECT_TRUE(client_.transmits.empty());
    model_.finish_sending_byte();
    step();
  }
  EXPECT_EQ(model_.sent, "abc");
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 3U);
}

TEST_F(CmsdkUartTest, RefusalsHandTheLeaseBackWithTheReason) {
  EXPECT_FALSE(transmit("x")); // Not configured yet.
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::off);
  EXPECT_FALSE(receive(1));
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::off);
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  EXPECT_FALSE(transmit("")); // Nothing to send.
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::size);
  EXPECT_FALSE(receive(17)); // Longer than the lease.
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::size);
  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("x"));
  kernel::hil::uart::BufferRefusal refusal =
      uart_.transmit(leash::Lease<std::uint8_t>::from(spare_storage_), 1);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal.error(), kernel::ErrorCode::busy); // Sending "x".
  EXPECT_EQ(refusal.value().size(), 4U);               // The same lease.
  spare_.put(std::move(refusal).value());
  model_.finish_sending_byte();
  step();
  EXPECT_EQ(client_.transmits.size(), 1U);
}

TEST_F(CmsdkUartTest, ReceivesByteByByteFromTheInterrupt) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(3));
  model_.receive('x');
  step();
  model_.receive('y');
  step();
  EXPECT_TRUE(client_.receptions.empty());
  model_.receive('z');
  step();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes, "xyz");
  EXPECT_TRUE(client_.receptions[0].result.is_ok());
}

TEST_F(CmsdkUartTest, AByteThatArrivedBeforeTheRequestIsCollectedLater) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  model_.receive('q'); // No reception runs: it waits in DATA.
  step();
  ASSERT_TRUE(receive(1));
  EXPECT_TRUE(client_.receptions.empty()); // Not from inside the request.
  step();                                  // The deferred call collects it.
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes, "q");
}

TEST_F(CmsdkUartTest, AbortsEndWithCancelAndTheBytesSoFar) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(4));
  model_.receive('a');
  step();
  EXPECT_TRUE(uart_.abort_receive().is_ok());
  EXPECT_FALSE(uart_.abort_receive().is_ok()); // Nothing left to abort.
  step();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes, "a");
  EXPECT_EQ(client_.receptions[0].result,
            kernel::Result::failure(kernel::ErrorCode::cancel));

  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("long"));
  EXPECT_TRUE(uart_.abort_transmit().is_ok());
  step();
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 1U);
  EXPECT_EQ(client_.transmits[0].result,
            kernel::Result::failure(kernel::ErrorCode::cancel));
}

TEST_F(CmsdkUartTest, PolledOutputGoesStraightToTheLine) {
  uart_.write_polled("lost"); // Not configured: dropped.
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  uart_.write_polled("panic!");
  EXPECT_EQ(model_.sent, "panic!");
}

} // namespace
