/// Tests of the nRF52840 UARTE driver, the image's source, on a simulated
/// UARTE.
#include "chips/nrf52840/uarte.h"
#include "kernel/deferred_call.h"
#include "support/host_hooks.h"
#include "support/recording_uart_client.h"
#include "support/simulated_nrf52840_uarte.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using chips::nrf52840::Uarte;
using host_tests::SimulatedNrf52840Uarte;
using Lease = leash::Lease<std::uint8_t>;
using LeaseHome = leash::TakeCell<Lease>;

/// The driver's client: logs completions, keeps the leases it gets back.
using Client = host_tests::RecordingUartClient;

const kernel::Result cancelled =
    kernel::Result::failure(kernel::ErrorCode::cancel);
const kernel::Result failed = kernel::Result::failure(kernel::ErrorCode::fail);

/// The driver over the model, with the client wired (not configured);
/// `step` plays the chip and the kernel loop: the bottom half while the
/// interrupt line is high, then deferred calls. Every lease a test creates
/// is counted, and must be back home (in a client's or the fixture's cell)
/// when the test ends, with no vocabulary violation recorded.
class Nrf52840UarteTest : public ::testing::Test {
protected:
  Nrf52840UarteTest() : uart_(model_.registers, {{0, 6}, {1, 8}}) {
    uart_.set_transmit_client(client_);
    uart_.set_receive_client(client_);
    client_.transmit_buffer.put(make_lease(tx_storage_));
    client_.receive_buffer.put(make_lease(rx_storage_));
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    step();
    std::size_t home = 0;
    for (const LeaseHome *cell :
         {&client_.transmit_buffer, &client_.receive_buffer, &spare_,
          &big_transmit_, &big_receive_}) {
      home += cell->is_some() ? 1 : 0;
    }
    EXPECT_EQ(home, leases_created_) << "a lease did not come home";
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  /// Creates the lease of `storage` and registers it as Data RAM.
  template <std::size_t N> Lease make_lease(std::uint8_t (&storage)[N]) {
    model_.add_data_ram(storage);
    ++leases_created_;
    return Lease::from(storage);
  }

  void step() {
    for (int round = 0; round < 100; ++round) {
      if (model_.interrupt_line()) {
        uart_.handle_interrupt();
      } else if (!kernel::DeferredCall::service_next_pending()) {
        return;
      }
    }
    ADD_FAILURE() << "the interrupt line stays high";
  }

  /// Starts transmitting `text` from the client's lease.
  bool transmit(const std::string &text) {
    Lease buffer = client_.transmit_buffer.take();
    for (std::size_t index = 0; index < text.size(); ++index) {
      buffer[index] = static_cast<std::uint8_t>(text[index]);
    }
    return accepted(uart_.transmit(std::move(buffer), text.size()),
                    client_.transmit_buffer);
  }

  /// Starts receiving `length` bytes into the client's lease.
  bool receive(std::size_t length) {
    return accepted(uart_.receive(client_.receive_buffer.take(), length),
                    client_.receive_buffer);
  }

  /// Whether the request that answered `refusal` was accepted; if not, puts
  /// the lease back into `home` and keeps the reason in `last_refusal_`.
  bool accepted(kernel::hil::uart::BufferRefusal refusal,
                const LeaseHome &home) {
    return host_tests::accepted(std::move(refusal), home, last_refusal_);
  }

  std::uint8_t tx_storage_[16] = {};
  std::uint8_t rx_storage_[16] = {};
  std::uint8_t spare_storage_[4] = {};
  /// One byte more than MAXCNT's 16 bits can count.
  std::uint8_t big_transmit_storage_[Uarte::maximum_transfer + 1] = {};
  std::uint8_t big_receive_storage_[Uarte::maximum_transfer + 1] = {};
  std::size_t leases_created_ = 0;
  /// Why the last refused request was refused.
  std::optional<kernel::ErrorCode> last_refusal_;
  /// Homes for the leases that tests create beyond the client's two.
  LeaseHome spare_;
  LeaseHome big_transmit_;
  LeaseHome big_receive_;
  SimulatedNrf52840Uarte model_;
  Uarte uart_;
  Client client_;
  std::size_t violations_before_ = 0;
};

TEST_F(Nrf52840UarteTest, ConfigureWritesTheBaudRatePinsAndInterrupts) {
  EXPECT_EQ(uart_.configure({12'345}),
            kernel::Result::failure(kernel::ErrorCode::invalid));
  EXPECT_EQ(model_.registers.enable.hardware_value(), 0U); // Untouched.
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  EXPECT_EQ(model_.registers.baud_rate.hardware_value(), 0x01D6'0000U);
  EXPECT_EQ(model_.registers.enable.hardware_value(), 8U);
  EXPECT_EQ(model_.registers.pin_txd.hardware_value(), 6U);
  EXPECT_EQ(model_.registers.pin_rxd.hardware_value(), (1U << 5) | 8U);
  EXPECT_EQ(model_.registers.pin_rts.hardware_value(), 1U << 31);
  EXPECT_EQ(model_.registers.pin_cts.hardware_value(), 1U << 31);
  // ENDRX, ENDTX, ERROR, RXTO: the events that end transfers.
  EXPECT_EQ(model_.registers.interrupt_enable.hardware_value(),
            (1U << 4) | (1U << 8) | (1U << 9) | (1U << 17));
  ASSERT_TRUE(uart_.configure({1'000'000}).is_ok());
  EXPECT_EQ(model_.registers.baud_rate.hardware_value(), 0x1000'0000U);
  ASSERT_TRUE(uart_.configure({9'600}).is_ok());
  EXPECT_EQ(model_.registers.baud_rate.hardware_value(), 0x0027'5000U);
}

TEST_F(Nrf52840UarteTest, ConfigureIsRefusedDuringATransfer) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(2));
  EXPECT_EQ(uart_.configure({9'600}),
            kernel::Result::failure(kernel::ErrorCode::busy));
  model_.receive("ok");
  step();
  EXPECT_TRUE(uart_.configure({9'600}).is_ok());
}

TEST_F(Nrf52840UarteTest, TransmitsOneByteThenCallsBackFromTheBottomHalf) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(transmit("x"));
  EXPECT_EQ(model_.sent, "x");
  EXPECT_EQ(model_.registers.event_tx_started.hardware_value(), 1U);
  EXPECT_EQ(model_.registers.txd.pointer.hardware_value(), 0x2000'0000U);
  EXPECT_EQ(model_.registers.txd.maximum_count.hardware_value(), 1U);
  EXPECT_TRUE(client_.transmits.empty()); // Never from inside the request.
  EXPECT_TRUE(client_.transmit_buffer.is_none());
  step();
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 1U);
  EXPECT_TRUE(client_.transmits[0].result.is_ok());
  EXPECT_FALSE(model_.interrupt_line()); // ENDTX acknowledged.
}

TEST_F(Nrf52840UarteTest, ASlowTransmissionEndsOnlyAtEndTx) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("abcd"));
  model_.send(3);
  step();
  EXPECT_TRUE(client_.transmits.empty());
  EXPECT_TRUE(model_.transmitting()); // EasyDMA still owns the buffer.
  model_.send(1);
  step();
  EXPECT_EQ(model_.sent, "abcd");
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 4U);
}

TEST_F(Nrf52840UarteTest, TransmitsAndReceivesAtMaxcntsLimit) {
  ASSERT_TRUE(uart_.configure({1'000'000}).is_ok());
  const std::size_t limit = Uarte::maximum_transfer;
  // The client's small leases wait aside; the big ones travel instead.
  big_transmit_.put(client_.transmit_buffer.take());
  big_receive_.put(client_.receive_buffer.take());

  kernel::hil::uart::BufferRefusal too_long =
      uart_.transmit(make_lease(big_transmit_storage_), limit + 1);
  ASSERT_TRUE(too_long.has_value());
  EXPECT_EQ(too_long.error(), kernel::ErrorCode::size);
  Lease buffer = std::move(too_long).value();
  EXPECT_EQ(buffer.size(), limit + 1); // The same lease came back.
  for (std::size_t index = 0; index < limit; ++index) {
    buffer[index] = static_cast<std::uint8_t>('a' + index % 26);
  }
  ASSERT_TRUE(accepted(uart_.transmit(std::move(buffer), limit), spare_));
  EXPECT_EQ(model_.registers.txd.maximum_count.hardware_value(), 0xFFFFU);
  step();
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, limit);
  ASSERT_EQ(model_.sent.size(), limit);
  EXPECT_EQ(model_.sent.substr(limit - 3), "mno"); // Bytes 65532 to 65534.

  ASSERT_TRUE(
      accepted(uart_.receive(make_lease(big_receive_storage_), limit), spare_));
  model_.receive(std::string(limit - 1, 'r'));
  step();
  EXPECT_TRUE(client_.receptions.empty()); // One byte short of MAXCNT.
  model_.receive("!");
  step();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes.size(), limit);
  EXPECT_EQ(client_.receptions[0].bytes.back(), '!');
}

TEST_F(Nrf52840UarteTest, BackToBackTransfersEachGetTheirOwnCount) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(transmit("first"));
  step();
  ASSERT_TRUE(transmit("2nd"));
  step();
  EXPECT_EQ(model_.sent, "first2nd");
  ASSERT_EQ(client_.transmits.size(), 2U);
  EXPECT_EQ(client_.transmits[0].length, 5U);
  EXPECT_EQ(client_.transmits[1].length, 3U);

  ASSERT_TRUE(receive(2));
  model_.receive("ab");
  // Between receptions the receiver keeps running: these wait in the FIFO
  // and go to the next buffer.
  model_.receive("cde");
  step();
  EXPECT_EQ(model_.fifo_level(), 3U);
  ASSERT_TRUE(receive(4));
  EXPECT_EQ(model_.fifo_level(), 0U);
  model_.receive("f");
  step();
  ASSERT_EQ(client_.receptions.size(), 2U);
  EXPECT_EQ(client_.receptions[0].bytes, "ab");
  EXPECT_EQ(client_.receptions[1].bytes, "cdef");
  EXPECT_TRUE(client_.receptions[1].result.is_ok());
}

TEST_F(Nrf52840UarteTest, AbortTransmitEndsWithCancelAndTheBytesSent) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  EXPECT_EQ(uart_.abort_transmit(),
            kernel::Result::failure(kernel::ErrorCode::off)); // Nothing yet.
  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("hello"));
  model_.send(2);
  EXPECT_TRUE(uart_.abort_transmit().is_ok());
  EXPECT_EQ(uart_.abort_transmit(),
            kernel::Result::failure(kernel::ErrorCode::off));
  EXPECT_TRUE(client_.transmits.empty()); // The ENDTX's bottom half ends it.
  step();
  EXPECT_EQ(model_.sent, "he");
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 2U);
  EXPECT_EQ(client_.transmits[0].result, cancelled);
  EXPECT_FALSE(model_.transmitting());
  EXPECT_EQ(model_.registers.event_tx_stopped.hardware_value(), 1U);
  model_.hold_transmitter(false);
  ASSERT_TRUE(transmit("again")); // The transmitter is usable again.
  step();
  ASSERT_EQ(client_.transmits.size(), 2U);
  EXPECT_TRUE(client_.transmits[1].result.is_ok());
}

TEST_F(Nrf52840UarteTest, AbortReceiveEndsAtRxtoWithCancelAndTheBytes) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  EXPECT_EQ(uart_.abort_receive(),
            kernel::Result::failure(kernel::ErrorCode::off));
  ASSERT_TRUE(receive(8));
  model_.receive("ab");
  step();
  EXPECT_TRUE(uart_.abort_receive().is_ok());
  EXPECT_EQ(uart_.abort_receive(),
            kernel::Result::failure(kernel::ErrorCode::off));
  EXPECT_TRUE(client_.receptions.empty());
  step();
  EXPECT_FALSE(model_.receiver_running()); // RXTO came.
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes, "ab");
  EXPECT_EQ(client_.receptions[0].result, cancelled);
  ASSERT_TRUE(receive(1)); // The receiver starts again.
  model_.receive("z");
  step();
  ASSERT_EQ(client_.receptions.size(), 2U);
  EXPECT_EQ(client_.receptions[1].bytes, "z");
}

TEST_F(Nrf52840UarteTest, AReceiveErrorEndsTheReceptionWithFail) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(8));
  model_.receive("abc");
  model_.line_error(4); // Framing.
  step();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes, "abc");
  EXPECT_EQ(client_.receptions[0].result, failed);
  EXPECT_EQ(model_.registers.error_source.hardware_value(), 0U); // Cleared.
  EXPECT_FALSE(model_.receiver_running());
}

TEST_F(Nrf52840UarteTest, AnErrorWithTheLastByteStillFails) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(2));
  model_.receive("a");
  model_.line_error(2); // Parity, then the byte that fills the buffer.
  model_.receive("b");
  step();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].bytes, "ab");
  EXPECT_EQ(client_.receptions[0].result, failed);
}

TEST_F(Nrf52840UarteTest, AnOverrunBetweenReceptionsIsNotTheNextOnes) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(1));
  model_.receive("a");
  step();
  model_.receive("bcdefg"); // One more than the FIFO holds: an overrun.
  EXPECT_TRUE(model_.interrupt_line());
  ASSERT_TRUE(receive(5));
  step();
  ASSERT_EQ(client_.receptions.size(), 2U);
  EXPECT_EQ(client_.receptions[1].bytes, "bcdef");
  EXPECT_TRUE(client_.receptions[1].result.is_ok());
}

TEST_F(Nrf52840UarteTest, RefusalsHandTheLeaseBackWithTheReason) {
  EXPECT_FALSE(transmit("x")); // Not configured yet.
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::off);
  EXPECT_FALSE(receive(1));
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::off);
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  EXPECT_FALSE(transmit("")); // Nothing to send.
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::size);
  EXPECT_FALSE(receive(0));
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::size);
  EXPECT_FALSE(receive(17)); // Longer than the lease.
  EXPECT_EQ(last_refusal_, kernel::ErrorCode::size);
  EXPECT_EQ(model_.sent, "");

  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("x"));
  kernel::hil::uart::BufferRefusal refusal =
      uart_.transmit(make_lease(spare_storage_), 1);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal.error(), kernel::ErrorCode::busy); // Sending "x".
  EXPECT_EQ(refusal.value().size(), 4U);               // The same lease.
  ASSERT_TRUE(receive(1));
  refusal = uart_.receive(std::move(refusal).value(), 1);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal.error(), kernel::ErrorCode::busy);
  spare_.put(std::move(refusal).value());
  model_.send(1);
  model_.receive("y");
  step();
  EXPECT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.receptions.size(), 1U);
}

TEST_F(Nrf52840UarteTest, RequestsWithoutAClientAreRefusedAsOff) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  const Uarte lonely(model_.registers, {{0, 6}, {1, 8}}); // No clients.
  kernel::hil::uart::BufferRefusal refusal =
      lonely.transmit(make_lease(spare_storage_), 1);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal.error(), kernel::ErrorCode::off);
  refusal = lonely.receive(std::move(refusal).value(), 1);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal.error(), kernel::ErrorCode::off);
  spare_.put(std::move(refusal).value());
  EXPECT_EQ(model_.sent, "");
}

// The model's own checks: a driver that breaks EasyDMA's rules fails.

TEST_F(Nrf52840UarteTest, TheModelFailsACpuWriteIntoATransmitBufferInFlight) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  model_.hold_transmitter(true);
  ASSERT_TRUE(transmit("abc"));
  tx_storage_[1] = 'X'; // What a driver that touched the buffer would do.
  EXPECT_NONFATAL_FAILURE(model_.send(3), "changed while EasyDMA owned it");
  EXPECT_EQ(model_.sent, "abc"); // EasyDMA sends what it took.
  step();
}

TEST_F(Nrf52840UarteTest, TheModelFailsACpuWriteIntoAReceiveBufferInFlight) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  ASSERT_TRUE(receive(4));
  model_.receive("ab");
  rx_storage_[3] = 'X';
  EXPECT_NONFATAL_FAILURE(model_.receive("c"),
                          "changed while EasyDMA owned it");
  ASSERT_TRUE(uart_.abort_receive().is_ok());
  step();
}

TEST_F(Nrf52840UarteTest, TheModelFailsAPointerOutsideDataRam) {
  ASSERT_TRUE(uart_.configure({115'200}).is_ok());
  spare_.put(client_.transmit_buffer.take()); // Room for the callback's.
  static std::uint8_t unregistered[2] = {};   // Not in the model's map.
  ++leases_created_;
  EXPECT_NONFATAL_FAILURE(
      EXPECT_TRUE(accepted(uart_.transmit(Lease::from(unregistered), 2),
                           big_transmit_)),
      "outside the Data RAM the test registered");
  step(); // The model still raises ENDTX: the lease comes back.
  ASSERT_EQ(client_.transmits.size(), 1U);
  EXPECT_EQ(client_.transmits[0].length, 0U);
  EXPECT_EQ(model_.sent, "");
}

} // namespace
