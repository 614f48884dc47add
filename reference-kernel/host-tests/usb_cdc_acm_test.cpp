/// Tests of CdcAcm: class requests, notifications, bulk data, console over USB.
#include "capsules/console.h"
#include "capsules/usb/cdc_acm.h"
#include "capsules/usb/cdc_acm_descriptors.h"
#include "capsules/usb/standard_configurations.h"
#include "kernel/deferred_call.h"
#include "support/usb_device_fixture.h"

#include <gtest/gtest.h>

#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace {

using capsules::usb::CdcAcmFunction;
using host_tests::setup_bytes;
using kernel::ErrorCode;
using kernel::hil::usb::Direction;
namespace standard = capsules::usb::standard;
namespace serial_state = capsules::usb::serial_state;

/// The serial port device's one function.
const capsules::usb::FunctionPlacement &port_function() {
  return standard::serial_port_device.functions[0];
}
/// Its endpoint in `slot`, by number.
std::uint8_t endpoint_in_slot(std::size_t slot) {
  return kernel::hil::usb::Endpoint::from_address(
             port_function().endpoint_addresses[slot])
      .number;
}

/// A transfer's end as a client heard it.
struct Ending {
  std::size_t length = 0;
  kernel::Result result = kernel::Result::ok();
};

/// The UART client and control line client of the port: records every
/// callback and keeps the leases that come back.
class PortClient final : public kernel::hil::uart::TransmitClient,
                         public kernel::hil::uart::ReceiveClient,
                         public capsules::usb::CdcAcmClient {
public:
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override {
    transmissions.push_back({length, result});
    transmit_home.put(std::move(buffer));
  }
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result result) const override {
    receptions.push_back({length, result});
    for (std::size_t index = 0; index < length; ++index) {
      bytes.push_back(buffer[index]);
    }
    receive_home.put(std::move(buffer));
  }
  void control_lines_changed(bool dtr, bool rts) const override {
    lines.emplace_back(dtr, rts);
  }
  void
  line_coding_changed(const capsules::usb::LineCoding &coding) const override {
    baud_rates.push_back(coding.baud_rate);
  }
  void break_requested(std::uint16_t milliseconds) const override {
    breaks.push_back(milliseconds);
  }

  mutable std::vector<Ending> transmissions;
  mutable std::vector<Ending> receptions;
  mutable std::vector<std::uint8_t> bytes;
  mutable std::vector<std::pair<bool, bool>> lines;
  mutable std::vector<std::uint32_t> baud_rates;
  mutable std::vector<std::uint16_t> breaks;
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_home;
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_home;
};

/// The serial port device with a CdcAcm as its function's driver. Every
/// test ends with a bus reset, after which every lease is home: the
/// device's (endpoint 0), the port's three and the client's two.
class UsbCdcAcmTest : public host_tests::UsbDeviceTest {
protected:
  UsbCdcAcmTest()
      : UsbDeviceTest(standard::serial_port_descriptor_table,
                      standard::serial_port_device.functions),
        port_(controller_, port_function(),
              leash::Lease<std::uint8_t>::from(notification_storage_),
              leash::Lease<std::uint8_t>::from(in_storage_),
              leash::Lease<std::uint8_t>::from(out_storage_)) {
    drivers_[0] = &port_;
    port_.set_client(client_);
    port_.set_transmit_client(client_);
    port_.set_receive_client(client_);
    client_.transmit_home.put(
        leash::Lease<std::uint8_t>::from(transmit_storage_));
    client_.receive_home.put(
        leash::Lease<std::uint8_t>::from(receive_storage_));
  }

  void SetUp() override {
    // The port's deferred call is one of the process's 32: in a run of the
    // whole test program the table fills up, and the port's aborts and
    // waiting bytes would never be delivered (ctest runs each test alone).
    if (!kernel::DeferredCall::verify_setup()) {
      GTEST_SKIP() << "no deferred call left in this process";
    }
  }

  void TearDown() override {
    if (IsSkipped()) {
      return;
    }
    run_loop();
    controller_.reset();
    run_loop();
    EXPECT_TRUE(port_.buffers_are_home());
    EXPECT_TRUE(client_.transmit_home.is_some());
    EXPECT_TRUE(client_.receive_home.is_some());
    UsbDeviceTest::TearDown();
  }

  /// The kernel loop: controller cancellations and deferred calls.
  void run_loop() {
    controller_.pump();
    while (kernel::DeferredCall::service_next_pending()) {
    }
  }

  /// Configured, with the first SERIAL_STATE acknowledged.
  void configure() {
    enter_configured();
    ASSERT_TRUE(port_.is_configured());
    EXPECT_TRUE(controller_.complete_in(notification_));
  }

  /// The packets sent on `number` from packet `first` on.
  std::vector<std::vector<std::uint8_t>> packets_on(std::uint8_t number,
                                                    std::size_t first = 0) {
    std::vector<std::vector<std::uint8_t>> packets;
    for (std::size_t index = first; index < controller_.sent.size(); ++index) {
      if (controller_.sent[index].number == number) {
        packets.push_back(controller_.sent[index].bytes);
      }
    }
    return packets;
  }

  /// Starts transmitting `length` bytes 0, 1, 2, ... from the client's
  /// lease; returns the refusal's reason, if any (the lease goes home).
  std::optional<ErrorCode> transmit(std::size_t length) {
    leash::Lease<std::uint8_t> buffer = client_.transmit_home.take();
    for (std::size_t index = 0; index < buffer.size(); ++index) {
      buffer[index] = static_cast<std::uint8_t>(index);
    }
    auto refusal = port_.transmit(std::move(buffer), length);
    if (refusal) {
      const ErrorCode error = refusal.error();
      client_.transmit_home.put(std::move(refusal).value());
      return error;
    }
    return std::nullopt;
  }

  /// Starts receiving `length` bytes into the client's lease.
  std::optional<ErrorCode> receive(std::size_t length) {
    auto refusal = port_.receive(client_.receive_home.take(), length);
    if (refusal) {
      const ErrorCode error = refusal.error();
      client_.receive_home.put(std::move(refusal).value());
      return error;
    }
    return std::nullopt;
  }

  /// The host acknowledges every bulk IN packet, one at a time.
  void host_reads() {
    while (controller_.complete_in(data_in_)) {
      run_loop();
    }
  }

  /// `count` bytes from `first` on.
  static std::vector<std::uint8_t> counting(std::size_t count,
                                            std::uint8_t first = 0) {
    std::vector<std::uint8_t> bytes(count);
    for (std::size_t index = 0; index < count; ++index) {
      bytes[index] = static_cast<std::uint8_t>(first + index);
    }
    return bytes;
  }

  const std::uint8_t notification_ =
      endpoint_in_slot(CdcAcmFunction::notification_slot);
  const std::uint8_t data_in_ = endpoint_in_slot(CdcAcmFunction::data_in_slot);
  const std::uint8_t data_out_ =
      endpoint_in_slot(CdcAcmFunction::data_out_slot);
  const std::uint16_t interface_ =
      static_cast<std::uint16_t>(port_function().first_interface);

  std::uint8_t notification_storage_[16] = {};
  std::uint8_t in_storage_[64] = {};
  std::uint8_t out_storage_[64] = {};
  std::uint8_t transmit_storage_[256] = {};
  std::uint8_t receive_storage_[128] = {};
  std::uint8_t spare_storage_[4] = {};
  /// Where a test keeps a second lease.
  leash::TakeCell<leash::Lease<std::uint8_t>> spare_;
  PortClient client_;
  capsules::usb::CdcAcm port_;
};

TEST_F(UsbCdcAcmTest, ConfigurationArmsTheOutEndpointAndReportsTheState) {
  EXPECT_FALSE(port_.is_configured());
  enter_configured();
  EXPECT_TRUE(port_.is_configured());
  EXPECT_TRUE(controller_.is_in_flight({data_out_, Direction::out}));
  const auto notifications = packets_on(notification_);
  ASSERT_EQ(notifications.size(), 1U);
  EXPECT_EQ(notifications[0],
            (std::vector<std::uint8_t>{0xA1, 0x20, 0, 0,
                                       static_cast<std::uint8_t>(interface_), 0,
                                       2, 0, 0, 0}));
}

TEST_F(UsbCdcAcmTest, LineCodingRoundTrips) {
  configure();
  EXPECT_EQ(control_read(setup_bytes(0xA1, 0x21, 0, interface_, 7)).data,
            (std::vector<std::uint8_t>{0x00, 0xC2, 0x01, 0x00, 0, 0, 8}));
  const std::vector<std::uint8_t> coding{0x80, 0x25, 0x00, 0x00, 2, 2, 7};
  EXPECT_TRUE(control_write(setup_bytes(0x21, 0x20, 0, interface_, 7), coding)
                  .served());
  EXPECT_EQ(control_read(setup_bytes(0xA1, 0x21, 0, interface_, 7)).data,
            coding);
  EXPECT_EQ(port_.line_coding().baud_rate, 9600U);
  EXPECT_EQ(port_.line_coding().stop_bits, 2U);
  EXPECT_EQ(port_.line_coding().parity, 2U);
  EXPECT_EQ(port_.line_coding().data_bits, 7U);
  EXPECT_EQ(client_.baud_rates, (std::vector<std::uint32_t>{9600}));
}

TEST_F(UsbCdcAcmTest, ConfigureThroughTheUartSetsTheReportedBaudRate) {
  configure();
  EXPECT_TRUE(port_.configure({.baud_rate = 921600}).is_ok());
  EXPECT_EQ(port_.configure({.baud_rate = 0}).error(), ErrorCode::invalid);
  EXPECT_EQ(control_read(setup_bytes(0xA1, 0x21, 0, interface_, 7)).data,
            (std::vector<std::uint8_t>{0x00, 0x10, 0x0E, 0x00, 0, 0, 8}));
}

TEST_F(UsbCdcAcmTest, ControlLineStateIsRememberedAndTold) {
  configure();
  EXPECT_TRUE(
      control_read(setup_bytes(0x21, 0x22, 0x3, interface_, 0)).served());
  EXPECT_TRUE(port_.dtr());
  EXPECT_TRUE(port_.rts());
  EXPECT_TRUE(
      control_read(setup_bytes(0x21, 0x22, 0x1, interface_, 0)).served());
  EXPECT_TRUE(port_.dtr());
  EXPECT_FALSE(port_.rts());
  EXPECT_TRUE(
      control_read(setup_bytes(0x21, 0x22, 0x0, interface_, 0)).served());
  EXPECT_FALSE(port_.dtr());
  EXPECT_EQ(client_.lines, (std::vector<std::pair<bool, bool>>{
                               {true, true}, {true, false}, {false, false}}));
  // A bus reset closes the port: the lines drop, and the client hears it.
  EXPECT_TRUE(
      control_read(setup_bytes(0x21, 0x22, 0x1, interface_, 0)).served());
  controller_.reset();
  EXPECT_FALSE(port_.dtr());
  EXPECT_EQ(client_.lines.back(), (std::pair<bool, bool>{false, false}));
  EXPECT_EQ(client_.lines.size(), 5U);
}

TEST_F(UsbCdcAcmTest, SendBreakIsServedAndTold) {
  configure();
  EXPECT_TRUE(
      control_read(setup_bytes(0x21, 0x23, 250, interface_, 0)).served());
  EXPECT_EQ(client_.breaks, (std::vector<std::uint16_t>{250}));
}

TEST_F(UsbCdcAcmTest, MalformedClassRequestsStallAndTheDeviceGoesOn) {
  configure();
  const std::vector<kernel::hil::usb::SetupBytes> malformed{
      setup_bytes(0xA1, 0x21, 0, interface_, 8),     // GET: wrong wLength
      setup_bytes(0x21, 0x21, 0, interface_, 7),     // GET: wrong direction
      setup_bytes(0xA1, 0x20, 0, interface_, 7),     // SET: wrong direction
      setup_bytes(0xA1, 0x22, 1, interface_, 0),     // lines: wrong direction
      setup_bytes(0x21, 0x22, 1, interface_, 2),     // lines: wLength 2
      setup_bytes(0x21, 0x23, 1, interface_, 1),     // break: wLength 1
      setup_bytes(0x21, 0x22, 1, interface_ + 1, 0), // the data interface
      setup_bytes(0x21, 0x00, 0, interface_, 0),     // SEND_ENCAPSULATED
      setup_bytes(0x41, 0x22, 1, interface_, 0),     // vendor
  };
  for (const auto &setup : malformed) {
    EXPECT_TRUE(control_read(setup).stalled);
  }
  EXPECT_TRUE(control_write(setup_bytes(0x21, 0x20, 0, interface_, 6),
                            {1, 2, 3, 4, 5, 6})
                  .stalled);
  EXPECT_TRUE(client_.lines.empty());
  EXPECT_TRUE(client_.baud_rates.empty());
  // Still serving.
  EXPECT_EQ(control_read(setup_bytes(0xA1, 0x21, 0, interface_, 7)).data.size(),
            7U);
  EXPECT_TRUE(control_read(setup_bytes(0x21, 0x22, 1, interface_, 0)).served());
}

TEST_F(UsbCdcAcmTest, SerialStateChangesAreNotifiedWithExactBytes) {
  configure();
  const std::size_t first = controller_.sent.size();
  port_.set_serial_state(serial_state::dcd | serial_state::dsr |
                         serial_state::overrun);
  // One in flight: a second change waits for it, then goes out.
  port_.set_serial_state(serial_state::dcd | serial_state::dsr |
                         serial_state::ring | serial_state::overrun);
  EXPECT_TRUE(controller_.complete_in(notification_));
  EXPECT_TRUE(controller_.complete_in(notification_));
  const auto sent = packets_on(notification_, first);
  ASSERT_EQ(sent.size(), 2U);
  const auto interface = static_cast<std::uint8_t>(interface_);
  EXPECT_EQ(sent[0], (std::vector<std::uint8_t>{0xA1, 0x20, 0, 0, interface, 0,
                                                2, 0, 0x43, 0x00}));
  EXPECT_EQ(sent[1], (std::vector<std::uint8_t>{0xA1, 0x20, 0, 0, interface, 0,
                                                2, 0, 0x4B, 0x00}));
  // The events were reported; the steady lines stay.
  port_.set_serial_state(serial_state::dcd);
  EXPECT_TRUE(controller_.complete_in(notification_));
  EXPECT_EQ(packets_on(notification_, first).back()[8], 0x01);
}

/// The packet lengths a transmission of `length` bytes comes out in.
class UsbCdcTransmitTest
    : public UsbCdcAcmTest,
      public ::testing::WithParamInterface<
          std::pair<std::size_t, std::vector<std::size_t>>> {};

TEST_P(UsbCdcTransmitTest, ComesOutInPacketsAndTheLeaseComesHome) {
  const auto &[length, packet_lengths] = GetParam();
  configure();
  const std::size_t first = controller_.sent.size();
  ASSERT_FALSE(transmit(length).has_value());
  host_reads();
  const auto packets = packets_on(data_in_, first);
  std::vector<std::size_t> lengths;
  std::vector<std::uint8_t> bytes;
  for (const auto &packet : packets) {
    lengths.push_back(packet.size());
    bytes.insert(bytes.end(), packet.begin(), packet.end());
  }
  EXPECT_EQ(lengths, packet_lengths);
  EXPECT_EQ(bytes, counting(length));
  ASSERT_EQ(client_.transmissions.size(), 1U);
  EXPECT_EQ(client_.transmissions[0].length, length);
  EXPECT_TRUE(client_.transmissions[0].result.is_ok());
  EXPECT_TRUE(client_.transmit_home.is_some());
}

INSTANTIATE_TEST_SUITE_P(
    UsbCdcLengths, UsbCdcTransmitTest,
    ::testing::Values(
        std::pair<std::size_t, std::vector<std::size_t>>{1, {1}},
        std::pair<std::size_t, std::vector<std::size_t>>{63, {63}},
        std::pair<std::size_t, std::vector<std::size_t>>{64, {64, 0}},
        std::pair<std::size_t, std::vector<std::size_t>>{65, {64, 1}},
        std::pair<std::size_t, std::vector<std::size_t>>{200,
                                                         {64, 64, 64, 8}}));

TEST_F(UsbCdcAcmTest, TransmitRefusals) {
  EXPECT_EQ(transmit(4), ErrorCode::off); // not configured
  configure();
  EXPECT_EQ(transmit(0), ErrorCode::size);
  EXPECT_EQ(transmit(257), ErrorCode::size);
  ASSERT_FALSE(transmit(4).has_value());
  leash::Lease<std::uint8_t> other =
      leash::Lease<std::uint8_t>::from(spare_storage_);
  auto refusal = port_.transmit(std::move(other), 1);
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal.error(), ErrorCode::busy);
  spare_.put(std::move(refusal).value());
  host_reads();
  EXPECT_EQ(client_.transmissions.size(), 1U);
  EXPECT_EQ(port_.abort_transmit().error(), ErrorCode::off);
}

TEST_F(UsbCdcAcmTest, AbortTransmitEndsAtThePacketBoundaryWithTheCount) {
  configure();
  ASSERT_FALSE(transmit(200).has_value());
  EXPECT_TRUE(controller_.complete_in(data_in_)); // 64 acknowledged
  run_loop();
  EXPECT_TRUE(port_.abort_transmit().is_ok());
  EXPECT_TRUE(client_.transmissions.empty()); // the second packet is out
  host_reads();
  ASSERT_EQ(client_.transmissions.size(), 1U);
  EXPECT_EQ(client_.transmissions[0].length, 128U);
  EXPECT_EQ(client_.transmissions[0].result.error(), ErrorCode::cancel);
  EXPECT_EQ(packets_on(data_in_).size(), 2U);
}

TEST_F(UsbCdcAcmTest, ReceivesOneByte) {
  configure();
  ASSERT_FALSE(receive(1).has_value());
  EXPECT_TRUE(controller_.complete_out(data_out_, {'x'}));
  run_loop();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].length, 1U);
  EXPECT_TRUE(client_.receptions[0].result.is_ok());
  EXPECT_EQ(client_.bytes, (std::vector<std::uint8_t>{'x'}));
  EXPECT_TRUE(controller_.is_in_flight({data_out_, Direction::out}));
}

TEST_F(UsbCdcAcmTest, ReceivesAHundredBytesAcrossPackets) {
  configure();
  ASSERT_FALSE(receive(100).has_value());
  EXPECT_TRUE(controller_.complete_out(data_out_, counting(64)));
  run_loop();
  EXPECT_TRUE(client_.receptions.empty());
  EXPECT_TRUE(controller_.complete_out(data_out_, counting(36, 64)));
  run_loop();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].length, 100U);
  EXPECT_EQ(client_.bytes, counting(100));
}

TEST_F(UsbCdcAcmTest, BackPressureKeepsTheOutEndpointUnarmedUntilThereIsRoom) {
  configure();
  EXPECT_EQ(receive(1), std::nullopt);
  EXPECT_TRUE(controller_.complete_out(data_out_, {'a', 'b', 'c'}));
  run_loop();
  // One byte taken; two wait in the packet, and the host is NAKed.
  EXPECT_EQ(client_.bytes, (std::vector<std::uint8_t>{'a'}));
  EXPECT_FALSE(controller_.is_in_flight({data_out_, Direction::out}));
  ASSERT_FALSE(receive(1).has_value());
  EXPECT_TRUE(client_.receptions.size() == 1U); // not from inside receive
  run_loop();
  EXPECT_FALSE(controller_.is_in_flight({data_out_, Direction::out}));
  ASSERT_FALSE(receive(8).has_value());
  run_loop();
  // 'c' taken, the packet is empty: armed again, the reception goes on.
  EXPECT_TRUE(controller_.is_in_flight({data_out_, Direction::out}));
  EXPECT_EQ(client_.receptions.size(), 2U);
  EXPECT_TRUE(port_.abort_receive().is_ok());
  run_loop();
  EXPECT_EQ(client_.bytes, (std::vector<std::uint8_t>{'a', 'b', 'c'}));
  ASSERT_EQ(client_.receptions.size(), 3U);
  EXPECT_EQ(client_.receptions[2].length, 1U);
  EXPECT_EQ(client_.receptions[2].result.error(), ErrorCode::cancel);
}

TEST_F(UsbCdcAcmTest, AbortReceiveReturnsTheBytesSoFar) {
  EXPECT_EQ(receive(4), ErrorCode::off); // not configured
  configure();
  EXPECT_EQ(port_.abort_receive().error(), ErrorCode::off);
  ASSERT_FALSE(receive(10).has_value());
  EXPECT_EQ(receive(1), ErrorCode::busy);
  EXPECT_TRUE(controller_.complete_out(data_out_, {1, 2, 3}));
  run_loop();
  EXPECT_TRUE(port_.abort_receive().is_ok());
  EXPECT_TRUE(client_.receptions.empty()); // later, from the loop
  run_loop();
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].length, 3U);
  EXPECT_EQ(client_.receptions[0].result.error(), ErrorCode::cancel);
}

TEST_F(UsbCdcAcmTest, BusResetInTheMiddleOfBothDirectionsCancelsBoth) {
  configure();
  ASSERT_FALSE(transmit(200).has_value());
  ASSERT_FALSE(receive(100).has_value());
  EXPECT_TRUE(controller_.complete_in(data_in_));
  EXPECT_TRUE(controller_.complete_out(data_out_, counting(10)));
  run_loop();
  controller_.reset();
  run_loop();
  ASSERT_EQ(client_.transmissions.size(), 1U);
  EXPECT_EQ(client_.transmissions[0].length, 64U);
  EXPECT_EQ(client_.transmissions[0].result.error(), ErrorCode::cancel);
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].length, 10U);
  EXPECT_EQ(client_.receptions[0].result.error(), ErrorCode::cancel);
  EXPECT_TRUE(port_.buffers_are_home());
  EXPECT_FALSE(port_.is_configured());
  EXPECT_EQ(transmit(1), ErrorCode::off);
}

TEST_F(UsbCdcAcmTest, DeconfigurationCancelsAndReconfigurationWorks) {
  configure();
  ASSERT_FALSE(transmit(100).has_value());
  ASSERT_FALSE(receive(5).has_value());
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 0, 0, 0)).served());
  run_loop();
  ASSERT_EQ(client_.transmissions.size(), 1U);
  EXPECT_EQ(client_.transmissions[0].result.error(), ErrorCode::cancel);
  ASSERT_EQ(client_.receptions.size(), 1U);
  EXPECT_EQ(client_.receptions[0].result.error(), ErrorCode::cancel);
  EXPECT_TRUE(port_.buffers_are_home());
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).served());
  EXPECT_TRUE(controller_.complete_in(notification_));
  ASSERT_FALSE(transmit(3).has_value());
  host_reads();
  EXPECT_EQ(client_.transmissions.size(), 2U);
  EXPECT_TRUE(client_.transmissions[1].result.is_ok());
}

TEST_F(UsbCdcAcmTest, HaltedEndpointsPauseAndResumeTheirPackets) {
  configure();
  const auto in_address = static_cast<std::uint16_t>(0x80U | data_in_);
  ASSERT_FALSE(transmit(100).has_value());
  // SET_FEATURE(ENDPOINT_HALT) on bulk IN and OUT: their packets come back
  // cancelled and wait.
  EXPECT_TRUE(control_read(setup_bytes(0x02, 3, 0, in_address, 0)).served());
  EXPECT_TRUE(control_read(setup_bytes(0x02, 3, 0, data_out_, 0)).served());
  run_loop();
  EXPECT_TRUE(client_.transmissions.empty());
  EXPECT_FALSE(controller_.is_in_flight({data_in_, Direction::in}));
  EXPECT_FALSE(controller_.is_in_flight({data_out_, Direction::out}));
  // CLEAR_FEATURE: the transmission starts again from its first packet.
  const std::size_t first = controller_.sent.size();
  EXPECT_TRUE(control_read(setup_bytes(0x02, 1, 0, in_address, 0)).served());
  EXPECT_TRUE(control_read(setup_bytes(0x02, 1, 0, data_out_, 0)).served());
  EXPECT_TRUE(controller_.is_in_flight({data_out_, Direction::out}));
  host_reads();
  std::vector<std::uint8_t> bytes;
  for (const auto &packet : packets_on(data_in_, first)) {
    bytes.insert(bytes.end(), packet.begin(), packet.end());
  }
  EXPECT_EQ(bytes, counting(100));
  ASSERT_EQ(client_.transmissions.size(), 1U);
  EXPECT_EQ(client_.transmissions[0].length, 100U);
  EXPECT_TRUE(client_.transmissions[0].result.is_ok());
}

TEST_F(UsbCdcAcmTest, ClassRequestsBeforeConfigurationStall) {
  enter_address();
  EXPECT_TRUE(control_read(setup_bytes(0xA1, 0x21, 0, interface_, 7)).stalled);
  EXPECT_TRUE(control_read(setup_bytes(0x21, 0x22, 1, interface_, 0)).stalled);
  EXPECT_FALSE(port_.dtr());
  port_.set_serial_state(serial_state::dsr); // kept, not sent
  EXPECT_TRUE(packets_on(notification_).empty());
  configure();
  EXPECT_EQ(packets_on(notification_).back()[8], serial_state::dsr);
}

/// Collects the console's lines.
class Lines final : public capsules::ConsoleClient {
public:
  void line_received(std::string_view line) const override {
    lines.emplace_back(line);
  }
  void end_of_input() const override {}
  void output_drained() const override {}
  void input_stopped(kernel::ErrorCode) const override {}
  mutable std::vector<std::string> lines;
};

/// The board's console-over-USB wiring: a Console whose UART is the port.
class UsbCdcConsoleTest : public UsbCdcAcmTest {
protected:
  UsbCdcConsoleTest()
      : console_(port_, leash::Lease<std::uint8_t>::from(console_transmit_),
                 leash::Lease<std::uint8_t>::from(console_receive_)) {
    port_.set_transmit_client(console_);
    port_.set_receive_client(console_);
    console_.set_client(lines_);
  }

  std::uint8_t console_transmit_[16] = {};
  std::uint8_t console_receive_[1] = {};
  Lines lines_;
  capsules::Console console_;
};

TEST_F(UsbCdcConsoleTest, AConsoleOverUsbEchoesATypedLine) {
  configure();
  ASSERT_TRUE(console_.start_input().is_ok());
  const std::size_t first = controller_.sent.size();
  const std::string typed = "help\r";
  EXPECT_TRUE(controller_.complete_out(
      data_out_, std::vector<std::uint8_t>(typed.begin(), typed.end())));
  for (int round = 0; round < 20; ++round) {
    run_loop();
    host_reads();
  }
  std::string echoed;
  for (const auto &packet : packets_on(data_in_, first)) {
    echoed.append(packet.begin(), packet.end());
  }
  EXPECT_EQ(echoed, "help\r\n");
  EXPECT_EQ(lines_.lines, (std::vector<std::string>{"help"}));
  EXPECT_TRUE(console_.output_is_drained());
  const std::size_t before = controller_.sent.size();
  console_.write_line("ok");
  for (int round = 0; round < 5; ++round) {
    run_loop();
    host_reads();
  }
  std::string written;
  for (const auto &packet : packets_on(data_in_, before)) {
    written.append(packet.begin(), packet.end());
  }
  EXPECT_EQ(written, "ok\r\n");
}

} // namespace
