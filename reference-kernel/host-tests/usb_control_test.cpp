/// Tests of the USB device core: enumeration, control stages, class requests.
#include "capsules/usb/configuration_reader.h"
#include "capsules/usb/standard_configurations.h"
#include "support/usb_device_fixture.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using capsules::usb::ConfigurationReader;
using capsules::usb::DeclaredEndpoint;
using capsules::usb::DescriptorTable;
using capsules::usb::DeviceState;
using capsules::usb::FunctionPlacement;
using host_tests::setup_bytes;
using host_tests::Transfer;
namespace standard = capsules::usb::standard;

using UsbControlTest = host_tests::UsbDeviceTest;

/// A device of the standard configurations, by name.
struct StandardDevice {
  const char *name;
  const DescriptorTable *table;
  std::span<const FunctionPlacement> functions;
  std::span<const std::uint8_t> device_descriptor;
  std::span<const std::uint8_t> configuration;
};

const std::array<StandardDevice, 3> standard_devices{{
    {"serial_port", &standard::serial_port_descriptor_table,
     standard::serial_port_device.functions,
     standard::serial_port_device.device,
     standard::serial_port_device.configuration},
    {"keyboard", &standard::keyboard_descriptor_table,
     standard::keyboard_device.functions, standard::keyboard_device.device,
     standard::keyboard_device.configuration},
    {"composite", &standard::composite_descriptor_table,
     standard::composite_device.functions, standard::composite_device.device,
     standard::composite_device.configuration},
}};

/// The bytes of `span`, for comparisons.
std::vector<std::uint8_t> bytes_of(std::span<const std::uint8_t> span) {
  return {span.begin(), span.end()};
}

/// Enumeration as Windows and Linux run it, for each standard device.
class UsbEnumerationTest : public host_tests::UsbDeviceTest,
                           public ::testing::WithParamInterface<std::size_t> {
protected:
  UsbEnumerationTest()
      : UsbDeviceTest(*standard_devices[GetParam()].table,
                      standard_devices[GetParam()].functions) {}

  const StandardDevice &standard_device() const {
    return standard_devices[GetParam()];
  }
};

TEST_P(UsbEnumerationTest, EnumeratesAndConfigures) {
  const StandardDevice &expected = standard_device();
  const std::vector<std::uint8_t> device_descriptor =
      bytes_of(expected.device_descriptor);
  const std::vector<std::uint8_t> configuration =
      bytes_of(expected.configuration);

  // Windows: the device descriptor with wLength 64 at address 0, then a
  // second reset.
  controller_.reset();
  Transfer first = control_read(setup_bytes(0x80, 6, 0x0100, 0, 64));
  EXPECT_TRUE(first.served());
  EXPECT_EQ(first.data, device_descriptor);
  EXPECT_EQ(first.packet_lengths, std::vector<std::size_t>{18});
  controller_.reset();
  EXPECT_EQ(device_.device_state(), DeviceState::default_state);

  // SET_ADDRESS: the address holds after the status stage.
  EXPECT_TRUE(control_read(setup_bytes(0x00, 5, 42, 0, 0)).served());
  EXPECT_EQ(controller_.addresses, std::vector<std::uint8_t>{42});
  EXPECT_EQ(device_.device_state(), DeviceState::address);

  EXPECT_EQ(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).data,
            device_descriptor);
  // The configuration's header, then all of it (wTotalLength).
  Transfer header = control_read(setup_bytes(0x80, 6, 0x0200, 0, 9));
  EXPECT_EQ(header.data, std::vector<std::uint8_t>(configuration.begin(),
                                                   configuration.begin() + 9));
  const auto total =
      static_cast<std::uint16_t>(header.data[2] | (header.data[3] << 8U));
  EXPECT_EQ(total, configuration.size());
  EXPECT_EQ(control_read(setup_bytes(0x80, 6, 0x0200, 0, total)).data,
            configuration);
  EXPECT_EQ(control_read(setup_bytes(0x80, 6, 0x0200, 0, 255)).data,
            configuration);

  // Strings: the language ids, then each string as the table writes it.
  EXPECT_EQ(control_read(setup_bytes(0x80, 6, 0x0300, 0, 255)).data,
            (std::vector<std::uint8_t>{4, 3, 0x09, 0x04}));
  for (std::uint8_t index = 1; index <= standard::strings.size(); ++index) {
    std::array<std::uint8_t, 255> want{};
    const std::size_t length =
        standard::string_descriptors.write_string_descriptor(index, want)
            .value_or(0);
    Transfer string =
        control_read(setup_bytes(0x80, 6, 0x0300 | index, 0x0409, 255));
    EXPECT_TRUE(string.served()) << int{index};
    EXPECT_EQ(string.data,
              std::vector<std::uint8_t>(want.begin(), want.begin() + length));
  }

  // SET_CONFIGURATION 1: exactly the declared endpoints are enabled.
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).served());
  EXPECT_EQ(device_.device_state(), DeviceState::configured);
  std::vector<host_tests::FakeUsbController::EnabledEndpoint> declared;
  ConfigurationReader{expected.configuration}.for_each_endpoint(
      [&declared](const DeclaredEndpoint &endpoint) {
        declared.push_back({endpoint.endpoint.address(), endpoint.type,
                            endpoint.max_packet_size});
      });
  EXPECT_EQ(controller_.enable_log, declared);
  std::size_t placed = 0;
  for (const FunctionPlacement &function : expected.functions) {
    for (std::size_t slot = 0; slot < function.endpoint_count; ++slot) {
      EXPECT_TRUE(
          controller_.enabled.contains(function.endpoint_addresses[slot]));
      ++placed;
    }
  }
  EXPECT_EQ(placed, controller_.enabled.size());
  for (std::size_t index = 0; index < expected.functions.size(); ++index) {
    EXPECT_EQ(functions_[index].configured_calls, std::vector<bool>{true});
  }
  EXPECT_EQ(control_read(setup_bytes(0x80, 8, 0, 0, 1)).data,
            std::vector<std::uint8_t>{1});
}

INSTANTIATE_TEST_SUITE_P(UsbStandardDevices, UsbEnumerationTest,
                         ::testing::Values(0U, 1U, 2U),
                         [](const ::testing::TestParamInfo<std::size_t> &info) {
                           return std::string(
                               standard_devices[info.param].name);
                         });

TEST_F(UsbControlTest, ConfigurationZeroDisablesEndpointsAndTellsFunctions) {
  enter_configured();
  EXPECT_FALSE(controller_.enabled.empty());
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 0, 0, 0)).served());
  EXPECT_EQ(device_.device_state(), DeviceState::address);
  EXPECT_TRUE(controller_.enabled.empty());
  EXPECT_EQ(functions_[0].configured_calls, (std::vector<bool>{true, false}));
  EXPECT_EQ(control_read(setup_bytes(0x80, 8, 0, 0, 1)).data,
            std::vector<std::uint8_t>{0});
}

TEST_F(UsbControlTest, RefusedEndpointLeavesTheDeviceUnconfigured) {
  enter_address();
  controller_.refuse_enable = true;
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).stalled);
  EXPECT_EQ(device_.device_state(), DeviceState::address);
  EXPECT_TRUE(functions_[0].configured_calls.empty());
  controller_.refuse_enable = false;
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).served());
}

TEST_F(UsbControlTest, PartlyRefusedConfigurationDisablesWhatItEnabled) {
  enter_address();
  controller_.enable_budget = 2;
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).stalled);
  EXPECT_EQ(controller_.enable_log.size(), 2U);
  EXPECT_TRUE(controller_.enabled.empty());
  EXPECT_EQ(device_.device_state(), DeviceState::address);
}

TEST_F(UsbControlTest, SelectingTheConfigurationAgainResetsIt) {
  enter_configured();
  const std::size_t endpoints = controller_.enabled.size();
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).served());
  EXPECT_EQ(controller_.enable_log.size(), 2 * endpoints);
  EXPECT_EQ(controller_.enabled.size(), endpoints);
  EXPECT_EQ(functions_[1].configured_calls,
            (std::vector<bool>{true, false, true}));
}

TEST_F(UsbControlTest, BusResetReturnsToDefaultAndTellsEveryFunction) {
  enter_configured();
  controller_.reset();
  EXPECT_EQ(device_.device_state(), DeviceState::default_state);
  // enter_configured reset the bus once, and this is the second.
  EXPECT_EQ(functions_[0].resets, 2);
  EXPECT_EQ(functions_[1].resets, 2);
  // Configuration requests are not for the default state.
  EXPECT_TRUE(control_read(setup_bytes(0x80, 8, 0, 0, 1)).stalled);
}

TEST_F(UsbControlTest, SetAddressZeroReturnsToDefault) {
  enter_address();
  EXPECT_TRUE(control_read(setup_bytes(0x00, 5, 0, 0, 0)).served());
  EXPECT_EQ(device_.device_state(), DeviceState::default_state);
  EXPECT_EQ(controller_.addresses, (std::vector<std::uint8_t>{5, 0}));
}

TEST_F(UsbControlTest, SuspendIsTracked) {
  controller_.suspend(true);
  EXPECT_TRUE(device_.is_suspended());
  controller_.suspend(false);
  EXPECT_FALSE(device_.is_suspended());
  EXPECT_EQ(functions_[0].suspensions, (std::vector<bool>{true, false}));
  EXPECT_EQ(functions_[1].suspensions, (std::vector<bool>{true, false}));
}

TEST_F(UsbControlTest, GetStatusReportsBusPoweredWithoutRemoteWakeup) {
  enter_configured();
  EXPECT_EQ(control_read(setup_bytes(0x80, 0, 0, 0, 2)).data,
            (std::vector<std::uint8_t>{0, 0}));
  EXPECT_EQ(control_read(setup_bytes(0x81, 0, 0, 2, 2)).data,
            (std::vector<std::uint8_t>{0, 0}));
}

TEST_F(UsbControlTest, EndpointHaltRoundTripsThroughTheController) {
  enter_configured();
  const std::uint8_t endpoint =
      standard::composite_device.functions[0]
          .endpoint_addresses[capsules::usb::CdcAcmFunction::data_in_slot];
  EXPECT_EQ(control_read(setup_bytes(0x82, 0, 0, endpoint, 2)).data,
            (std::vector<std::uint8_t>{0, 0}));
  EXPECT_TRUE(control_read(setup_bytes(0x02, 3, 0, endpoint, 0)).served());
  EXPECT_TRUE(controller_.halted.contains(endpoint));
  EXPECT_EQ(control_read(setup_bytes(0x82, 0, 0, endpoint, 2)).data,
            (std::vector<std::uint8_t>{1, 0}));
  EXPECT_TRUE(control_read(setup_bytes(0x02, 1, 0, endpoint, 0)).served());
  EXPECT_FALSE(controller_.halted.contains(endpoint));
  // The endpoint's function heard both, the other function nothing.
  EXPECT_EQ(functions_[0].halt_changes,
            (std::vector<std::pair<std::uint8_t, bool>>{{endpoint, true},
                                                        {endpoint, false}}));
  EXPECT_TRUE(functions_[1].halt_changes.empty());
  EXPECT_EQ(control_read(setup_bytes(0x82, 0, 0, endpoint, 2)).data,
            (std::vector<std::uint8_t>{0, 0}));
}

TEST_F(UsbControlTest, InterfaceRequestsGoToTheOwningFunction) {
  enter_configured();
  // CDC GET_LINE_CODING to interface 0: the serial port's driver.
  functions_[0].reply = {0x00, 0xC2, 0x01, 0x00, 0x00, 0x00, 0x08};
  Transfer line_coding = control_read(setup_bytes(0xA1, 0x21, 0, 0, 7));
  EXPECT_TRUE(line_coding.served());
  EXPECT_EQ(line_coding.data, functions_[0].reply);
  ASSERT_EQ(functions_[0].setups.size(), 1U);
  EXPECT_EQ(functions_[0].setups[0].request_code, 0x21);
  // Interface 1 (CDC data) belongs to the same function.
  EXPECT_TRUE(control_read(setup_bytes(0x21, 0x22, 3, 1, 0)).served());
  EXPECT_EQ(functions_[0].setups.size(), 2U);
  // HID GET_DESCRIPTOR(report) to interface 2: the HID function's.
  functions_[1].reply =
      std::vector<std::uint8_t>(standard::generic_hid.report_descriptor.begin(),
                                standard::generic_hid.report_descriptor.end());
  Transfer report = control_read(setup_bytes(0x81, 6, 0x2200, 2, 255));
  EXPECT_TRUE(report.served());
  EXPECT_EQ(report.data, functions_[1].reply);
  EXPECT_EQ(functions_[1].setups.size(), 1U);
  // No interface 3; and a refusing function stalls.
  EXPECT_TRUE(control_read(setup_bytes(0xA1, 0x01, 0, 3, 8)).stalled);
  functions_[1].accept = false;
  EXPECT_TRUE(control_read(setup_bytes(0xA1, 0x01, 0, 2, 8)).stalled);
}

TEST_F(UsbControlTest, EndpointRequestsGoToTheFunctionOfTheEndpoint) {
  enter_configured();
  const std::uint8_t hid_out =
      standard::composite_device.functions[1].endpoint_addresses[1];
  EXPECT_TRUE(control_read(setup_bytes(0x42, 0x07, 0, hid_out, 0)).served());
  EXPECT_EQ(functions_[1].setups.size(), 1U);
  EXPECT_TRUE(functions_[0].setups.empty());
  // An endpoint the configuration does not declare has no function.
  EXPECT_TRUE(control_read(setup_bytes(0x42, 0x07, 0, 0x0E, 0)).stalled);
}

TEST_F(UsbControlTest, ClassRequestsBeforeConfigurationStall) {
  enter_address();
  EXPECT_TRUE(control_read(setup_bytes(0xA1, 0x21, 0, 0, 7)).stalled);
  EXPECT_TRUE(functions_[0].setups.empty());
}

TEST_F(UsbControlTest, ControlWriteDataStageGoesToTheFunction) {
  enter_configured();
  std::vector<std::uint8_t> data(100);
  for (std::size_t index = 0; index < data.size(); ++index) {
    data[index] = static_cast<std::uint8_t>(index);
  }
  Transfer write = control_write(setup_bytes(0x41, 0x99, 0, 2, 100), data);
  EXPECT_TRUE(write.served());
  EXPECT_EQ(functions_[1].received, data);
  EXPECT_EQ(functions_[1].out_offsets, (std::vector<std::size_t>{0, 64}));
  EXPECT_EQ(functions_[1].lasts, (std::vector<bool>{false, true}));
}

TEST_F(UsbControlTest, RejectedControlWriteStallsAndTheDeviceGoesOn) {
  enter_configured();
  functions_[0].accept_out = false;
  EXPECT_TRUE(control_write(setup_bytes(0x21, 0x20, 0, 0, 7),
                            {0, 0xC2, 0x01, 0, 0, 0, 8})
                  .stalled);
  EXPECT_TRUE(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).served());
}

TEST_F(UsbControlTest, ZeroLengthPacketExactlyWhenTheReplyEndsOnAPacket) {
  enter_configured();
  const auto packets = [this](std::size_t reply_length, std::uint16_t length) {
    functions_[1].reply = std::vector<std::uint8_t>(reply_length, 0x5A);
    Transfer read = control_read(setup_bytes(0xC1, 0x01, 0, 2, length));
    EXPECT_TRUE(read.served());
    EXPECT_EQ(read.data.size(), std::min<std::size_t>(reply_length, length));
    return read.packet_lengths;
  };
  EXPECT_EQ(packets(64, 255), (std::vector<std::size_t>{64, 0}));
  EXPECT_EQ(packets(128, 255), (std::vector<std::size_t>{64, 64, 0}));
  EXPECT_EQ(packets(64, 64), (std::vector<std::size_t>{64}));
  EXPECT_EQ(packets(128, 64), (std::vector<std::size_t>{64}));
  EXPECT_EQ(packets(128, 128), (std::vector<std::size_t>{64, 64}));
  EXPECT_EQ(packets(100, 255), (std::vector<std::size_t>{64, 36}));
  EXPECT_EQ(packets(0, 255), (std::vector<std::size_t>{0}));
}

TEST_F(UsbControlTest, LengthZeroMeansNoDataStage) {
  Transfer read = control_read(setup_bytes(0x80, 6, 0x0100, 0, 0));
  EXPECT_TRUE(read.served());
  EXPECT_TRUE(read.packet_lengths.empty());
  enter_configured();
  read = control_read(setup_bytes(0xC1, 0x01, 0, 2, 0));
  EXPECT_TRUE(read.served());
  EXPECT_TRUE(read.packet_lengths.empty());
}

TEST_F(UsbControlTest, SetupMidDataStageAbandonsTheTransfer) {
  enter_configured();
  functions_[1].reply = std::vector<std::uint8_t>(128, 0x33);
  const std::size_t statuses = controller_.status_stages;
  controller_.setup(setup_bytes(0xC1, 0x01, 0, 2, 255));
  ASSERT_TRUE(controller_.complete_in(0));
  ASSERT_TRUE(controller_.is_in_flight({0, kernel::hil::usb::Direction::in}));
  EXPECT_FALSE(device_.control_buffer_is_home());
  // The host gives up and asks something else: the second packet comes back
  // cancelled, and the new request is served from the start.
  Transfer device = control_read(setup_bytes(0x80, 6, 0x0100, 0, 18));
  EXPECT_TRUE(device.served());
  EXPECT_EQ(device.data, bytes_of(standard::composite_device.device));
  EXPECT_EQ(controller_.status_stages, statuses + 1);
}

TEST_F(UsbControlTest, SetupMidControlWriteAbandonsTheTransfer) {
  enter_configured();
  controller_.setup(setup_bytes(0x41, 0x99, 0, 2, 100));
  ASSERT_TRUE(controller_.complete_out(0, std::vector<std::uint8_t>(64, 1)));
  EXPECT_TRUE(controller_.is_in_flight({0, kernel::hil::usb::Direction::out}));
  EXPECT_TRUE(control_read(setup_bytes(0x80, 0, 0, 0, 2)).served());
  EXPECT_EQ(functions_[1].lasts, std::vector<bool>{false});
}

TEST_F(UsbControlTest, RefusedPacketStallsAndKeepsTheLease) {
  enter_configured();
  controller_.refuse = true;
  EXPECT_TRUE(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).stalled);
  EXPECT_TRUE(control_write(setup_bytes(0x41, 0x99, 0, 2, 10),
                            std::vector<std::uint8_t>(10))
                  .stalled);
  EXPECT_TRUE(device_.control_buffer_is_home());
  controller_.refuse = false;
  EXPECT_TRUE(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).served());
}

TEST_F(UsbControlTest, DataEndpointPacketsGoToTheirFunction) {
  enter_configured();
  const std::uint8_t hid_in =
      standard::composite_device.functions[1].endpoint_addresses[0];
  static std::uint8_t storage[64] = {};
  ASSERT_FALSE(controller_
                   .send_packet(hid_in & 0x0FU,
                                leash::Lease<std::uint8_t>::from(storage), 8)
                   .has_value());
  ASSERT_TRUE(controller_.complete_in(hid_in & 0x0FU));
  EXPECT_EQ(functions_[1].packets,
            (std::vector<std::pair<std::uint8_t, bool>>{
                {static_cast<std::uint8_t>(hid_in & 0x0FU), true}}));
  EXPECT_TRUE(functions_[1].returned.is_some());
  EXPECT_TRUE(functions_[0].packets.empty());
}

TEST_F(UsbControlTest, RandomTrafficKeepsTheLeaseAndTheContract) {
  // TinyUSB fuzzes its core through a fake controller; this is the same idea
  // with a fixed seed: SETUPs that are mostly plausible, packets completed
  // or not, resets at any point. The lease never leaves for good, no request
  // breaks the HIL's contract, no vocabulary violation (TearDown).
  functions_[0].reply = std::vector<std::uint8_t>(100, 0x11);
  functions_[1].reply = std::vector<std::uint8_t>(64, 0x22);
  std::mt19937 random(20261205);
  const auto pick = [&random](std::initializer_list<std::uint16_t> values) {
    return *(values.begin() + random() % values.size());
  };
  for (int step = 0; step < 20000; ++step) {
    switch (random() % 8) {
    case 0:
      controller_.reset();
      break;
    case 1:
    case 2:
      controller_.setup(setup_bytes(
          static_cast<std::uint8_t>(
              pick({0x00, 0x80, 0x81, 0x82, 0x01, 0x02, 0x21, 0xA1, 0x41, 0xC1,
                    0x42, static_cast<std::uint16_t>(random() & 0xFFU)})),
          static_cast<std::uint8_t>(random() % 14),
          pick({0, 1, 2, 0x0100, 0x0200, 0x0301, 0x0600, 0x2200,
                static_cast<std::uint16_t>(random())}),
          pick({0, 1, 2, 0x81, 0x82, 0x83, 0x02, 0x0409}),
          pick({0, 1, 2, 7, 18, 64, 100, 128, 255,
                static_cast<std::uint16_t>(random())})));
      break;
    case 3:
    case 4:
      controller_.complete_in(0);
      break;
    case 5:
      controller_.complete_out(0,
                               std::vector<std::uint8_t>(random() % 65, 0x33));
      break;
    case 6: {
      // Often enough to reach every state and a multi-packet data stage.
      const std::array<kernel::hil::usb::SetupBytes, 3> known{
          setup_bytes(0x00, 5, 5, 0, 0), setup_bytes(0x00, 9, 1, 0, 0),
          setup_bytes(0x80, 6, 0x0200, 0, 255)};
      controller_.setup(known[random() % known.size()]);
      break;
    }
    default:
      controller_.pump();
      break;
    }
    ASSERT_EQ(controller_.contract_breaches, 0U) << "step " << step;
  }
  // The traffic reached every stage.
  EXPECT_GT(functions_[0].configured_calls.size(), 10U);
  EXPECT_GT(functions_[0].setups.size(), 10U);
  EXPECT_GT(functions_[1].received.size(), 10U);
  EXPECT_GT(controller_.sent.size(), 100U);
  controller_.reset();
  EXPECT_TRUE(device_.control_buffer_is_home());
  EXPECT_TRUE(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).served());
}

} // namespace
