/// Tests of the nRF52840 USBD driver, the image's source, on a simulated USBD
/// with a scripted host.
#include "chips/nrf52840/usbd.h"
#include "kernel/deferred_call.h"
#include "support/host_hooks.h"
#include "support/simulated_nrf52840_usbd.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace {

using chips::nrf52840::Usbd;
using host_tests::Handshake;
using host_tests::InResult;
using host_tests::SimulatedNrf52840Usbd;
using kernel::ErrorCode;
using kernel::hil::usb::Direction;
using kernel::hil::usb::Endpoint;
using kernel::hil::usb::SetupBytes;
using kernel::hil::usb::TransferType;
using Lease = leash::Lease<std::uint8_t>;
using LeaseHome = leash::TakeCell<Lease>;
using Bytes = std::vector<std::uint8_t>;

constexpr Endpoint in1{1, Direction::in};
constexpr Endpoint out2{2, Direction::out};
constexpr Endpoint in3{3, Direction::in};

/// A SETUP packet.
SetupBytes setup_packet(std::uint8_t request_type, std::uint8_t request,
                        std::uint16_t value, std::uint16_t length) {
  return {request_type,
          request,
          static_cast<std::uint8_t>(value & 0xFF),
          static_cast<std::uint8_t>(value >> 8),
          0,
          0,
          static_cast<std::uint8_t>(length & 0xFF),
          static_cast<std::uint8_t>(length >> 8)};
}

/// GET_DESCRIPTOR(device) asking for `length` bytes: a control read.
SetupBytes get_descriptor(std::uint16_t length) {
  return setup_packet(0x80, 6, 0x0100, length);
}

/// A vendor request sending `length` bytes: a control write.
SetupBytes vendor_write(std::uint16_t length) {
  return setup_packet(0x40, 0x01, 0, length);
}

/// SET_CONFIGURATION(1): no data stage.
const SetupBytes set_configuration = setup_packet(0x00, 9, 1, 0);

/// `count` bytes counting up from `first`.
Bytes pattern(std::size_t count, std::uint8_t first = 1) {
  Bytes bytes(count);
  for (std::size_t index = 0; index < count; ++index) {
    bytes[index] = static_cast<std::uint8_t>(first + index);
  }
  return bytes;
}

/// The stack's side: logs every callback and keeps the leases it gets back
/// in one home per endpoint and direction, as a USB stack keeps its packet
/// buffers between requests.
class Client final : public kernel::hil::usb::ControllerClient {
public:
  void bus_reset() const override { log.push_back("reset"); }
  void setup_received(const SetupBytes &setup) const override {
    log.push_back("setup");
    last_setup = setup;
  }
  void packet_sent(std::uint8_t number, Lease buffer,
                   kernel::Result result) const override {
    log.push_back("sent " + std::to_string(number) + describe(result));
    in_home[number].put(std::move(buffer));
  }
  void packet_received(std::uint8_t number, Lease buffer, std::size_t length,
                       kernel::Result result) const override {
    log.push_back("received " + std::to_string(number) + " " +
                  std::to_string(length) + describe(result));
    received.clear();
    for (std::size_t index = 0; index < length; ++index) {
      received.push_back(buffer[index]);
    }
    out_home[number].put(std::move(buffer));
  }
  void suspend_changed(bool suspended) const override {
    log.push_back(suspended ? "suspend" : "resume");
  }

  static std::string describe(kernel::Result result) {
    if (result.is_ok()) {
      return " ok";
    }
    return result.error() == ErrorCode::cancel ? " cancel" : " error";
  }

  mutable std::vector<std::string> log;
  mutable SetupBytes last_setup{};
  mutable Bytes received;
  std::array<LeaseHome, 8> in_home;
  std::array<LeaseHome, 8> out_home;
};

/// The driver over the model with the client wired. `step` plays the chip
/// and the kernel loop (the bottom half while the interrupt line is high,
/// then deferred calls) and lets time pass (EasyDMA finishes its transfer);
/// `service` does the same without letting EasyDMA finish. Every lease a
/// test creates is counted and must be back home when the test ends, with
/// no vocabulary violation recorded.
class Nrf52840UsbdTest : public ::testing::Test {
protected:
  Nrf52840UsbdTest() : usbd_(model_.registers, model_.power, model_.errata) {
    usbd_.set_client(client_);
    for (std::size_t number = 0; number < 4; ++number) {
      client_.in_home[number].put(make_lease(in_storage_[number]));
      client_.out_home[number].put(make_lease(out_storage_[number]));
    }
    small_.put(make_lease(small_storage_));
    violations_before_ = host_tests::violation_count();
  }

  void TearDown() override {
    step();
    std::size_t home = (small_.is_some() ? 1 : 0) + (stray_.is_some() ? 1 : 0);
    for (std::size_t number = 0; number < 8; ++number) {
      home += client_.in_home[number].is_some() ? 1 : 0;
      home += client_.out_home[number].is_some() ? 1 : 0;
    }
    EXPECT_EQ(home, leases_created_) << "a lease did not come home";
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
    EXPECT_EQ(model_.dropped_out_packets(), 0U);
  }

  template <std::size_t N> Lease make_lease(std::uint8_t (&storage)[N]) {
    model_.add_data_ram(storage);
    ++leases_created_;
    return Lease::from(storage);
  }

  /// Whether the driver's deferred call works: the kernel's table holds 32
  /// calls per process, which a run of every test in one process exhausts
  /// (ctest runs each test in its own).
  static bool deferred_calls_available() {
    return kernel::DeferredCall::verify_setup();
  }

  /// The kernel loop without time passing: EasyDMA does not finish.
  void service() {
    for (int round = 0; round < 100; ++round) {
      if (model_.interrupt_line()) {
        usbd_.handle_interrupt();
      } else if (!kernel::DeferredCall::service_next_pending()) {
        return;
      }
    }
    ADD_FAILURE() << "the interrupt line stays high";
  }

  /// The kernel loop while time passes, until nothing is left to do.
  void step() {
    for (int round = 0; round < 100; ++round) {
      service();
      if (!model_.finish_dma()) {
        return;
      }
    }
    ADD_FAILURE() << "EasyDMA never stops";
  }

  /// Attached with VBUS, after a bus reset.
  void attach_and_reset() {
    model_.connect_vbus(true);
    ASSERT_TRUE(usbd_.attach().is_ok());
    model_.bus_reset();
    step();
    client_.log.clear();
  }

  /// The host sends `setup`; the stack sees it.
  void host_setup(const SetupBytes &setup) {
    model_.setup(setup);
    step();
    ASSERT_FALSE(client_.log.empty());
    EXPECT_EQ(client_.log.back(), "setup");
    EXPECT_EQ(client_.last_setup, setup);
  }

  /// Whether the request that answered `refusal` was accepted; if not, puts
  /// the lease back into `home` and keeps the reason.
  bool accepted(kernel::Refusal<Lease> refusal, const LeaseHome &home) {
    if (!refusal) {
      return true;
    }
    last_refusal_ = refusal.error();
    home.put(std::move(refusal).value());
    return false;
  }

  /// Sends `bytes` from IN endpoint `number`'s home lease.
  bool send(std::uint8_t number, const Bytes &bytes) {
    Lease buffer = client_.in_home[number].take();
    for (std::size_t index = 0; index < bytes.size(); ++index) {
      buffer[index] = bytes[index];
    }
    return accepted(usbd_.send_packet(number, std::move(buffer), bytes.size()),
                    client_.in_home[number]);
  }

  /// Receives into OUT endpoint `number`'s home lease.
  bool receive(std::uint8_t number) {
    return accepted(
        usbd_.receive_packet(number, client_.out_home[number].take()),
        client_.out_home[number]);
  }

  /// Why `send` on `number` of `length` bytes is refused (nullopt: it was
  /// accepted, which the caller did not expect).
  std::optional<ErrorCode> send_refusal(std::uint8_t number,
                                        std::size_t length) {
    last_refusal_.reset();
    if (send(number, Bytes(length, 0))) {
      ADD_FAILURE() << "accepted";
    }
    EXPECT_TRUE(client_.in_home[number].is_some()); // Handed back.
    return last_refusal_;
  }

  /// A control read: the host asks for `requested` bytes, the stack sends
  /// `total` in packets of 64, then a zero-length packet when `zlp`; the
  /// host takes each, then runs the status stage.
  void control_read(std::size_t total, std::uint16_t requested, bool zlp) {
    host_setup(get_descriptor(requested));
    const Bytes expected = pattern(total);
    std::vector<std::size_t> packets;
    for (std::size_t offset = 0; offset < total; offset += 64) {
      packets.push_back(std::min<std::size_t>(64, total - offset));
    }
    if (zlp) {
      packets.push_back(0);
    }
    Bytes received;
    std::size_t offset = 0;
    for (const std::size_t length : packets) {
      ASSERT_TRUE(send(
          0, Bytes(expected.begin() + static_cast<long>(offset),
                   expected.begin() + static_cast<long>(offset + length))));
      EXPECT_EQ(model_.host_in(0).handshake, Handshake::nak); // DMA not done.
      step();
      InResult packet = model_.host_in(0);
      ASSERT_EQ(packet.handshake, Handshake::ack);
      EXPECT_EQ(packet.data.size(), length);
      received.insert(received.end(), packet.data.begin(), packet.data.end());
      step();
      ASSERT_EQ(client_.log.back(), "sent 0 ok");
      offset += length;
    }
    EXPECT_EQ(received, expected);
    EXPECT_EQ(model_.host_status(), Handshake::nak); // Not let through yet.
    ASSERT_TRUE(usbd_.complete_control_status().is_ok());
    EXPECT_EQ(model_.host_status(), Handshake::ack);
    // The transfer is over: endpoint 0 refuses until the next SETUP.
    EXPECT_EQ(send_refusal(0, 1), ErrorCode::off);
  }

  std::uint8_t in_storage_[4][64] = {};
  std::uint8_t out_storage_[4][64] = {};
  std::uint8_t small_storage_[8] = {};
  std::size_t leases_created_ = 0;
  std::optional<ErrorCode> last_refusal_;
  LeaseHome small_;
  /// A home for a lease that does not belong to an endpoint.
  LeaseHome stray_;
  SimulatedNrf52840Usbd model_;
  Usbd usbd_;
  Client client_;
  std::size_t violations_before_ = 0;
};

TEST_F(Nrf52840UsbdTest, AttachIsRefusedWithoutVbus) {
  EXPECT_EQ(usbd_.attach(), kernel::Result::failure(ErrorCode::off));
  EXPECT_FALSE(model_.connected());
  EXPECT_EQ(send_refusal(1, 1), ErrorCode::off);
}

TEST_F(Nrf52840UsbdTest, AttachPowersUpWithTheErrataThenPullsUp) {
  model_.connect_vbus(true);
  ASSERT_TRUE(usbd_.attach().is_ok());
  EXPECT_TRUE(model_.connected());
  EXPECT_EQ(
      model_.power_log(),
      (std::vector<std::string>{"ED14=3", "EC14=192", "ENABLE=1", "ED14=0",
                                "EC14=0", "166=2019", "166=64", "PULLUP=1"}));
  // USBRESET, ENDEPIN[0..7], EP0DATADONE, ENDEPOUT[0..7], USBEVENT,
  // EP0SETUP, EPDATA.
  EXPECT_EQ(model_.registers.interrupt_enable.hardware_value(),
            0x1U | (0xFFU << 2) | (1U << 10) | (0xFFU << 12) | (1U << 22) |
                (1U << 23) | (1U << 24));
  EXPECT_EQ(model_.registers.iso_split.hardware_value(), 0x80U);
}

TEST_F(Nrf52840UsbdTest, BusResetIsReportedAndLeavesOnlyEndpointZero) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  EXPECT_EQ(model_.registers.endpoint_in_enable.hardware_value(), 0x3U);
  model_.bus_reset();
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"reset"}));
  EXPECT_EQ(model_.registers.endpoint_in_enable.hardware_value(), 0x1U);
  EXPECT_EQ(send_refusal(1, 1), ErrorCode::off); // Disabled by the reset.
}

TEST_F(Nrf52840UsbdTest, ControlReadOf8Bytes) {
  attach_and_reset();
  control_read(8, 8, false);
}

TEST_F(Nrf52840UsbdTest, ControlReadOf18Bytes) {
  attach_and_reset();
  control_read(18, 18, false);
}

TEST_F(Nrf52840UsbdTest, ControlReadOf64BytesEndsWithAZeroLengthPacket) {
  attach_and_reset();
  control_read(64, 255, true); // Shorter than asked, a multiple of 64.
}

TEST_F(Nrf52840UsbdTest, ControlReadOf65BytesTakesTwoPackets) {
  attach_and_reset();
  control_read(65, 65, false);
}

TEST_F(Nrf52840UsbdTest, ControlReadOf130BytesTakesThreePackets) {
  attach_and_reset();
  control_read(130, 130, false);
}

TEST_F(Nrf52840UsbdTest, ControlWriteReceivesEachPacketAfterEp0RcvOut) {
  attach_and_reset();
  host_setup(vendor_write(70));
  const Bytes data = pattern(70, 0x40);
  // The endpoint NAKs until the stack asks for a packet (EP0RCVOUT).
  EXPECT_EQ(model_.host_out(0, Bytes(data.begin(), data.begin() + 64)),
            Handshake::nak);
  ASSERT_TRUE(receive(0));
  EXPECT_EQ(model_.host_out(0, Bytes(data.begin(), data.begin() + 64)),
            Handshake::ack);
  step();
  EXPECT_EQ(client_.log.back(), "received 0 64 ok");
  EXPECT_EQ(client_.received, Bytes(data.begin(), data.begin() + 64));
  ASSERT_TRUE(receive(0));
  EXPECT_EQ(model_.host_out(0, Bytes(data.begin() + 64, data.end())),
            Handshake::ack);
  step();
  EXPECT_EQ(client_.log.back(), "received 0 6 ok");
  EXPECT_EQ(client_.received, Bytes(data.begin() + 64, data.end()));
  EXPECT_EQ(model_.host_status(), Handshake::nak);
  ASSERT_TRUE(usbd_.complete_control_status().is_ok());
  EXPECT_EQ(model_.host_status(), Handshake::ack);
}

TEST_F(Nrf52840UsbdTest, NoDataControlTransferEndsWithItsStatusStage) {
  attach_and_reset();
  EXPECT_EQ(usbd_.complete_control_status(),
            kernel::Result::failure(ErrorCode::off)); // No transfer yet.
  host_setup(set_configuration);
  EXPECT_EQ(model_.host_status(), Handshake::nak);
  ASSERT_TRUE(usbd_.complete_control_status().is_ok());
  EXPECT_EQ(model_.host_status(), Handshake::ack);
  EXPECT_EQ(usbd_.complete_control_status(),
            kernel::Result::failure(ErrorCode::off)); // Already over.
}

TEST_F(Nrf52840UsbdTest, SetAddressIsAnsweredByTheHardware) {
  attach_and_reset();
  host_setup(setup_packet(0x00, 5, 0x2A, 0));
  usbd_.set_address(0x2A);
  // No EP0STATUS (the model fails the test on one): the hardware answers.
  ASSERT_TRUE(usbd_.complete_control_status().is_ok());
  EXPECT_EQ(model_.address(), 0U);
  EXPECT_EQ(model_.host_status(), Handshake::ack);
  EXPECT_EQ(model_.address(), 0x2AU);
  EXPECT_EQ(usbd_.recorded_address(), 0x2A);
  model_.bus_reset();
  step();
  EXPECT_EQ(model_.address(), 0U);
  EXPECT_EQ(usbd_.recorded_address(), 0);
}

TEST_F(Nrf52840UsbdTest, StallControlLastsUntilTheNextSetup) {
  attach_and_reset();
  EXPECT_EQ(usbd_.stall_control(), kernel::Result::failure(ErrorCode::off));
  host_setup(setup_packet(0x80, 0x77, 0, 4)); // A request nobody serves.
  ASSERT_TRUE(usbd_.stall_control().is_ok());
  EXPECT_EQ(model_.host_in(0).handshake, Handshake::stall);
  EXPECT_EQ(model_.host_status(), Handshake::stall);
  EXPECT_EQ(send_refusal(0, 4), ErrorCode::off);
  host_setup(get_descriptor(8));
  EXPECT_EQ(model_.host_in(0).handshake, Handshake::nak); // Stall over.
  ASSERT_TRUE(send(0, pattern(8)));
  step();
  EXPECT_EQ(model_.host_in(0).data, pattern(8));
  step();
  EXPECT_EQ(client_.log.back(), "sent 0 ok");
}

TEST_F(Nrf52840UsbdTest, StallControlHandsTheEp0PacketBackFromTheLoop) {
  if (!deferred_calls_available()) {
    GTEST_SKIP() << "the deferred-call table is exhausted in this process";
  }
  attach_and_reset();
  host_setup(get_descriptor(8));
  ASSERT_TRUE(send(0, pattern(8)));
  service(); // EasyDMA still runs the packet.
  ASSERT_TRUE(model_.dma_running());
  client_.log.clear();
  ASSERT_TRUE(usbd_.stall_control().is_ok());
  EXPECT_TRUE(client_.log.empty()); // Never from inside the request.
  EXPECT_FALSE(model_.dma_running());
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"sent 0 cancel"}));
}

TEST_F(Nrf52840UsbdTest, BulkInPacketsOfEverySizeBackToBack) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  for (const std::size_t length : {0U, 1U, 63U, 64U}) {
    const Bytes data = pattern(length, static_cast<std::uint8_t>(length));
    ASSERT_TRUE(send(1, data));
    ASSERT_FALSE(accepted(usbd_.send_packet(1, small_.take(), 1), small_));
    EXPECT_EQ(last_refusal_, ErrorCode::busy);
    step();
    InResult packet = model_.host_in(1);
    ASSERT_EQ(packet.handshake, Handshake::ack);
    EXPECT_EQ(packet.data, data);
    EXPECT_EQ(model_.host_in(1).handshake, Handshake::nak); // Nothing more.
    step();
    EXPECT_EQ(client_.log.back(), "sent 1 ok");
  }
  EXPECT_EQ(model_.dma_log(),
            (std::vector<std::string>{"IN1", "IN1", "IN1", "IN1"}));
  // Erratum 199: 0x82 while a transfer runs (the model checks it at each
  // START), 0 once it ended.
  EXPECT_EQ(model_.registers.erratum199.hardware_value(), 0U);
}

TEST_F(Nrf52840UsbdTest, BulkOutPacketsOfEverySizeBackToBack) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(out2, TransferType::bulk, 64).is_ok());
  for (const std::size_t length : {0U, 1U, 63U, 64U}) {
    const Bytes data = pattern(length, static_cast<std::uint8_t>(length));
    ASSERT_TRUE(receive(2));
    EXPECT_EQ(model_.host_out(2, data), Handshake::ack);
    step();
    EXPECT_EQ(client_.log.back(),
              "received 2 " + std::to_string(length) + " ok");
    EXPECT_EQ(client_.received, data);
  }
}

TEST_F(Nrf52840UsbdTest, AnOutPacketWaitsInTheEndpointUntilRequested) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(out2, TransferType::bulk, 64).is_ok());
  // Armed once at enable: the first packet is ACKed before any request,
  // the next NAKed while the first waits in the endpoint's buffer.
  EXPECT_EQ(model_.host_out(2, pattern(5)), Handshake::ack);
  EXPECT_EQ(model_.host_out(2, pattern(6)), Handshake::nak);
  step();
  EXPECT_TRUE(client_.log.empty());
  ASSERT_TRUE(receive(2));
  step();
  EXPECT_EQ(client_.log.back(), "received 2 5 ok");
  EXPECT_EQ(client_.received, pattern(5));
  // ENDEPOUT re-armed the endpoint.
  EXPECT_EQ(model_.host_out(2, pattern(6)), Handshake::ack);
  ASSERT_TRUE(receive(2));
  step();
  EXPECT_EQ(client_.log.back(), "received 2 6 ok");
}

TEST_F(Nrf52840UsbdTest, EndpointsWantingTheDmaAtOnceAreSerialized) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(usbd_.enable_endpoint(out2, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(usbd_.enable_endpoint(in3, TransferType::interrupt, 8).is_ok());
  EXPECT_EQ(model_.host_out(2, pattern(40)), Handshake::ack);
  service();
  ASSERT_TRUE(send(1, pattern(64)));
  ASSERT_TRUE(send(3, pattern(8, 9)));
  ASSERT_TRUE(receive(2));
  // One transfer runs; the model fails the test if a second one starts.
  EXPECT_TRUE(model_.dma_running());
  EXPECT_EQ(model_.dma_log(), (std::vector<std::string>{"IN1"}));
  step();
  EXPECT_EQ(model_.dma_log(), (std::vector<std::string>{"IN1", "IN3", "OUT2"}));
  EXPECT_EQ(client_.log.back(), "received 2 40 ok");
  EXPECT_EQ(model_.host_in(3).data, pattern(8, 9));
  EXPECT_EQ(model_.host_in(1).data, pattern(64));
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"received 2 40 ok",
                                                   "sent 1 ok", "sent 3 ok"}));
}

TEST_F(Nrf52840UsbdTest, Ep0RcvOutWaitsForTheDmaSlot) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(64)));
  model_.setup(vendor_write(3));
  service();
  ASSERT_EQ(client_.log.back(), "setup");
  ASSERT_TRUE(model_.dma_running());
  ASSERT_TRUE(receive(0)); // EP0RCVOUT waits: the model fails it during DMA.
  EXPECT_EQ(model_.host_out(0, pattern(3)), Handshake::nak);
  step(); // The IN1 transfer ends; EP0RCVOUT follows.
  EXPECT_EQ(model_.host_out(0, pattern(3)), Handshake::ack);
  step();
  EXPECT_EQ(client_.log.back(), "received 0 3 ok");
  ASSERT_TRUE(usbd_.complete_control_status().is_ok());
  EXPECT_EQ(model_.host_status(), Handshake::ack);
  EXPECT_EQ(model_.host_in(1).data, pattern(64));
  step();
  EXPECT_EQ(client_.log.back(), "sent 1 ok");
}

TEST_F(Nrf52840UsbdTest, ANewSetupCancelsTheDataStagePacketFirst) {
  attach_and_reset();
  host_setup(get_descriptor(64));
  ASSERT_TRUE(send(0, pattern(64)));
  step(); // In the endpoint's buffer; the host never fetches it.
  client_.log.clear();
  model_.setup(get_descriptor(18));
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"sent 0 cancel", "setup"}));
  // The new transfer runs normally.
  ASSERT_TRUE(send(0, pattern(18)));
  step();
  EXPECT_EQ(model_.host_in(0).data, pattern(18));
  step();
  EXPECT_EQ(client_.log.back(), "sent 0 ok");
}

TEST_F(Nrf52840UsbdTest, ANewSetupCancelsAPacketStillInTheDma) {
  attach_and_reset();
  host_setup(vendor_write(8));
  ASSERT_TRUE(receive(0));
  EXPECT_EQ(model_.host_out(0, pattern(8)), Handshake::ack);
  service(); // EP0DATADONE: the OUT transfer starts and keeps running.
  ASSERT_TRUE(model_.dma_running());
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(2))); // Queued behind it.
  client_.log.clear();
  model_.setup(set_configuration);
  service(); // The driver waits for the END, then cancels.
  EXPECT_EQ(client_.log,
            (std::vector<std::string>{"received 0 0 cancel", "setup"}));
  // The freed slot went to the queued packet.
  EXPECT_EQ(model_.dma_log(), (std::vector<std::string>{"OUT0", "IN1"}));
  step();
  EXPECT_EQ(model_.host_in(1).data, pattern(2));
  step();
  EXPECT_EQ(client_.log.back(), "sent 1 ok");
}

TEST_F(Nrf52840UsbdTest, BusResetCancelsEveryPacketBeforeReporting) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(usbd_.enable_endpoint(out2, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(usbd_.enable_endpoint(in3, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(64))); // In the DMA.
  ASSERT_TRUE(send(3, pattern(10))); // Queued behind it.
  ASSERT_TRUE(receive(2));           // Waiting for the host.
  host_setup(get_descriptor(8));
  ASSERT_TRUE(send(0, pattern(8))); // Queued too.
  client_.log.clear();
  model_.bus_reset();
  service();
  EXPECT_EQ(client_.log, (std::vector<std::string>{
                             "sent 0 cancel", "sent 1 cancel",
                             "received 2 0 cancel", "sent 3 cancel", "reset"}));
  EXPECT_FALSE(model_.dma_running());
  EXPECT_EQ(send_refusal(1, 1), ErrorCode::off);
}

TEST_F(Nrf52840UsbdTest, HaltCancelsThePacketAndStallsUntilResumed) {
  if (!deferred_calls_available()) {
    GTEST_SKIP() << "the deferred-call table is exhausted in this process";
  }
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(4)));
  step(); // Waiting for the host in the endpoint's buffer.
  client_.log.clear();
  ASSERT_TRUE(usbd_.set_endpoint_halt(in1, true).is_ok());
  EXPECT_TRUE(client_.log.empty());
  EXPECT_TRUE(usbd_.is_endpoint_halted(in1));
  EXPECT_FALSE(usbd_.is_endpoint_halted(out2));
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"sent 1 cancel"}));
  EXPECT_EQ(model_.host_in(1).handshake, Handshake::stall);
  EXPECT_EQ(send_refusal(1, 4), ErrorCode::invalid);
  ASSERT_TRUE(usbd_.set_endpoint_halt(in1, false).is_ok());
  EXPECT_FALSE(usbd_.is_endpoint_halted(in1));
  EXPECT_EQ(model_.registers.data_toggle.hardware_value(),
            1U | (1U << 7) | (1U << 8)); // EP1 IN, DATA0.
  ASSERT_TRUE(send(1, pattern(4)));
  step();
  EXPECT_EQ(model_.host_in(1).data, pattern(4));
  step();
  EXPECT_EQ(client_.log.back(), "sent 1 ok");
}

TEST_F(Nrf52840UsbdTest, RefusalsHandTheLeaseBack) {
  EXPECT_EQ(send_refusal(0, 1), ErrorCode::off); // Detached.
  attach_and_reset();
  EXPECT_EQ(send_refusal(1, 1), ErrorCode::off);     // Not enabled.
  EXPECT_EQ(send_refusal(0, 1), ErrorCode::off);     // No control transfer.
  EXPECT_EQ(send_refusal(8, 1), ErrorCode::invalid); // No such endpoint.
  ASSERT_TRUE(usbd_.enable_endpoint(in3, TransferType::interrupt, 8).is_ok());
  EXPECT_EQ(send_refusal(3, 9), ErrorCode::size); // Above its maximum.
  host_setup(vendor_write(4));
  EXPECT_EQ(send_refusal(0, 1), ErrorCode::invalid); // Wrong direction.
  // A window smaller than the maximum packet size cannot receive.
  ASSERT_TRUE(!accepted(usbd_.receive_packet(0, small_.take()), small_));
  EXPECT_EQ(last_refusal_, ErrorCode::size);
  ASSERT_TRUE(receive(0));
  ASSERT_TRUE(!accepted(usbd_.receive_packet(0, small_.take()), small_));
  EXPECT_EQ(last_refusal_, ErrorCode::busy);
  // Endpoint 0 is busy, so the status stage waits.
  EXPECT_EQ(usbd_.complete_control_status(),
            kernel::Result::failure(ErrorCode::busy));
  EXPECT_EQ(usbd_.enable_endpoint({0, Direction::in}, TransferType::bulk, 64),
            kernel::Result::failure(ErrorCode::invalid));
  EXPECT_EQ(usbd_.enable_endpoint(in1, TransferType::isochronous, 64),
            kernel::Result::failure(ErrorCode::invalid));
  EXPECT_EQ(usbd_.enable_endpoint(in1, TransferType::bulk, 65),
            kernel::Result::failure(ErrorCode::invalid));
  EXPECT_EQ(usbd_.set_endpoint_halt(in1, true),
            kernel::Result::failure(ErrorCode::off));
  model_.bus_reset(); // Brings the EP0 OUT lease back, cancelled.
}

TEST_F(Nrf52840UsbdTest, DisableEndpointCancelsItsPacket) {
  if (!deferred_calls_available()) {
    GTEST_SKIP() << "the deferred-call table is exhausted in this process";
  }
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(out2, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(receive(2));
  usbd_.disable_endpoint(out2);
  EXPECT_TRUE(client_.log.empty());
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"received 2 0 cancel"}));
  EXPECT_EQ(model_.host_out(2, pattern(1)), Handshake::none);
  last_refusal_.reset();
  EXPECT_FALSE(receive(2));
  EXPECT_EQ(last_refusal_, ErrorCode::off);
}

TEST_F(Nrf52840UsbdTest, DetachCancelsEveryPacketAndDisconnects) {
  if (!deferred_calls_available()) {
    GTEST_SKIP() << "the deferred-call table is exhausted in this process";
  }
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(3)));
  usbd_.detach();
  EXPECT_TRUE(client_.log.empty());
  EXPECT_FALSE(model_.connected());
  EXPECT_FALSE(model_.dma_running());
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"sent 1 cancel"}));
  EXPECT_EQ(send_refusal(1, 1), ErrorCode::off);
  ASSERT_TRUE(usbd_.attach().is_ok()); // And back.
  EXPECT_TRUE(model_.connected());
}

TEST_F(Nrf52840UsbdTest, AttachAfterDetachStartsWithEndpointZeroOnly) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  usbd_.detach();
  ASSERT_TRUE(usbd_.attach().is_ok());
  EXPECT_EQ(model_.registers.endpoint_in_enable.hardware_value(), 0x1U);
  EXPECT_EQ(send_refusal(1, 1), ErrorCode::off);
  EXPECT_TRUE(client_.log.empty());
}

TEST_F(Nrf52840UsbdTest, EventsPendingTogetherEndWithTheSetup) {
  attach_and_reset();
  host_setup(get_descriptor(8));
  ASSERT_TRUE(send(0, pattern(8)));
  step();
  // The host takes the packet, skips the status stage and sends the next
  // SETUP before the kernel loop runs: EP0DATADONE and EP0SETUP are both
  // pending, and the packet is finished before the new transfer starts.
  EXPECT_EQ(model_.host_in(0).data, pattern(8));
  model_.setup(set_configuration);
  client_.log.clear();
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"sent 0 ok", "setup"}));
  EXPECT_EQ(client_.last_setup, set_configuration);
}

TEST_F(Nrf52840UsbdTest, SuspendAndResumeAreReported) {
  attach_and_reset();
  model_.suspend();
  step();
  model_.resume();
  step();
  EXPECT_EQ(client_.log, (std::vector<std::string>{"suspend", "resume"}));
  EXPECT_EQ(model_.registers.event_cause.hardware_value(), 0U);
}

TEST_F(Nrf52840UsbdTest, TheModelCatchesABufferTouchedInFlight) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(4)));
  in_storage_[1][0] = 0xEE; // What a driver that kept an alias could do.
  EXPECT_NONFATAL_FAILURE(model_.finish_dma(), "touched a buffer in flight");
  step();
  model_.host_in(1);
  step();
}

TEST_F(Nrf52840UsbdTest, TheModelCatchesAPointerOutsideDataRam) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  // A lease of memory the test did not register as Data RAM (as if it were
  // in flash) travels instead of the endpoint's home lease.
  stray_.put(client_.in_home[1].take());
  static std::uint8_t unregistered[4];
  ++leases_created_;
  EXPECT_NONFATAL_FAILURE(
      EXPECT_TRUE(
          accepted(usbd_.send_packet(1, Lease::from(unregistered), 4), stray_)),
      "outside the Data RAM");
  step();
  EXPECT_TRUE(model_.host_in(1).data.empty()); // Nothing was read.
  step();
  EXPECT_EQ(client_.log.back(), "sent 1 ok");
  // Swap the homes back: the stray lease is counted in `stray_`.
  Lease back = client_.in_home[1].take();
  client_.in_home[1].put(stray_.take());
  stray_.put(std::move(back));
}

TEST_F(Nrf52840UsbdTest, TheModelCatchesASecondDmaTransfer) {
  attach_and_reset();
  ASSERT_TRUE(usbd_.enable_endpoint(in1, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(usbd_.enable_endpoint(in3, TransferType::bulk, 64).is_ok());
  ASSERT_TRUE(send(1, pattern(4)));
  EXPECT_NONFATAL_FAILURE(model_.registers.start_endpoint_in[3].write(
                              chips::nrf52840::Signal::active.set()),
                          "one at a time");
  step();
  model_.host_in(1);
  step();
}

} // namespace
