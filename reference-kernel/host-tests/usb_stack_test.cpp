/// Tests of the whole USB device stack (UsbDevice, class drivers, the
/// nRF52840 USBD driver) on the simulated USBD, driven by a scripted host.
#include "capsules/usb/cdc_acm.h"
#include "capsules/usb/device_state.h"
#include "capsules/usb/standard_configurations.h"
#include "chips/nrf52840/usbd.h"
#include "kernel/deferred_call.h"
#include "support/host_hooks.h"
#include "support/usb_stack_rig.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace {

using capsules::usb::DescriptorTable;
using capsules::usb::DeviceState;
using capsules::usb::FunctionPlacement;
using host_tests::ControlResult;
using host_tests::Handshake;
using host_tests::ScriptedUsbHost;
using host_tests::SimulatedNrf52840Usbd;
using host_tests::UsbStackRig;
using Bytes = std::vector<std::uint8_t>;
namespace standard = capsules::usb::standard;

/// Descriptor types (USB 2.0 table 9-5).
constexpr std::uint8_t device_type = 1;
/// See `device_type`.
constexpr std::uint8_t configuration_type = 2;
/// See `device_type`.
constexpr std::uint8_t string_type = 3;
/// US English, the language Linux asks strings in.
constexpr std::uint16_t us_english = 0x0409;

/// One of the example devices, as the compile-time builders made it.
struct DeviceUnderTest {
  /// For the test's name.
  const char *name;
  /// What it answers GET_DESCRIPTOR from.
  const DescriptorTable *table;
  /// Its device descriptor, built at compile time.
  std::span<const std::uint8_t> device;
  /// Its configuration descriptor, built at compile time.
  std::span<const std::uint8_t> configuration;
  /// Where its functions went.
  std::span<const FunctionPlacement> functions;
};

/// The three example devices.
const DeviceUnderTest devices[] = {
    {"SerialPort", &standard::serial_port_descriptor_table,
     standard::serial_port_device.device,
     standard::serial_port_device.configuration,
     standard::serial_port_device.functions},
    {"Keyboard", &standard::keyboard_descriptor_table,
     standard::keyboard_device.device, standard::keyboard_device.configuration,
     standard::keyboard_device.functions},
    {"Composite", &standard::composite_descriptor_table,
     standard::composite_device.device,
     standard::composite_device.configuration,
     standard::composite_device.functions},
};

/// String descriptor `index` as USB 2.0 section 9.6.7 spells it, from the
/// UTF-8 text (ASCII in the examples), independently of the stack's code.
Bytes expected_string(std::uint8_t index) {
  if (index == 0) {
    return {4, string_type, us_english & 0xFF, us_english >> 8};
  }
  const std::string_view text = standard::strings[index - 1U];
  Bytes bytes{static_cast<std::uint8_t>(2 + 2 * text.size()), string_type};
  for (const char character : text) {
    bytes.push_back(static_cast<std::uint8_t>(character));
    bytes.push_back(0);
  }
  return bytes;
}

/// Every string index a device's descriptors name, in order, without 0s.
std::vector<std::uint8_t> string_indices(std::span<const std::uint8_t> device,
                                         std::span<const std::uint8_t> config) {
  std::vector<std::uint8_t> indices;
  auto add = [&indices](std::uint8_t index) {
    if (index != 0) {
      indices.push_back(index);
    }
  };
  add(device[14]);
  add(device[15]);
  add(device[16]);
  for (std::size_t offset = 0; offset + 1 < config.size() && config[offset];
       offset += config[offset]) {
    switch (config[offset + 1]) {
    case 2: // Configuration: iConfiguration.
      add(config[offset + 6]);
      break;
    case 4: // Interface: iInterface.
      add(config[offset + 8]);
      break;
    case 11: // Interface association: iFunction.
      add(config[offset + 7]);
      break;
    default:
      break;
    }
  }
  return indices;
}

/// The stack of one example device on a fresh simulation and driver. Every
/// test ends with a bus reset, after which every lease must be home, with
/// no vocabulary violation and no broken hardware rule (the simulation
/// fails the test by itself).
class UsbStackTest : public ::testing::Test {
protected:
  explicit UsbStackTest(const DeviceUnderTest &device = devices[2])
      : usbd_(model_.registers, model_.power, model_.errata),
        rig_(model_, usbd_, *device.table, device.functions), device_(device) {}

  void SetUp() override {
    // The driver's deferred call is one of 32 a process has: a run of
    // every test in one process exhausts them (ctest runs each alone).
    if (!kernel::DeferredCall::verify_setup()) {
      GTEST_SKIP() << "no deferred call left in this process";
    }
    violations_before_ = host_tests::violation_count();
    ASSERT_TRUE(rig_.attach().is_ok());
    ASSERT_TRUE(model_.connected());
  }

  void TearDown() override {
    if (IsSkipped()) {
      return;
    }
    host().bus_reset();
    EXPECT_TRUE(rig_.leases_home()) << "a lease did not come home";
    EXPECT_FALSE(model_.dma_running());
    EXPECT_EQ(model_.dropped_out_packets(), 0U);
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  ScriptedUsbHost &host() { return rig_.host(); }
  DeviceState state() const { return rig_.device().device_state(); }

  /// Bus reset: the default state.
  void enter_default() {
    host().bus_reset();
    ASSERT_EQ(state(), DeviceState::default_state);
  }
  /// At address 7.
  void enter_address() {
    enter_default();
    ASSERT_TRUE(host().set_address(7).ok());
    ASSERT_EQ(state(), DeviceState::address);
    ASSERT_EQ(model_.address(), 7U);
  }
  /// Configured with configuration 1.
  void enter_configured() {
    enter_address();
    ASSERT_TRUE(host().set_configuration(1).ok());
    ASSERT_EQ(state(), DeviceState::configured);
  }

  /// Enumerates as Linux's hub driver does (hub_port_init, then
  /// usb_new_device), checking every descriptor against the compile-time
  /// bytes.
  void enumerate_like_linux() {
    // The "new scheme": 64 bytes of the device descriptor at address 0,
    // reading only the first packet, then a second reset.
    host().bus_reset();
    ControlResult first = host().get_descriptor(device_type, 0, 64);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first.data, Bytes(device_.device.begin(), device_.device.end()));
    host().bus_reset();
    ASSERT_TRUE(host().set_address(9).ok());
    EXPECT_EQ(model_.address(), 9U);
    EXPECT_EQ(state(), DeviceState::address);
    ControlResult device = host().get_descriptor(device_type, 0, 18);
    ASSERT_TRUE(device.ok());
    EXPECT_EQ(device.data, Bytes(device_.device.begin(), device_.device.end()));
    // The configuration's header, then all of it.
    ControlResult header = host().get_descriptor(configuration_type, 0, 9);
    ASSERT_TRUE(header.ok());
    ASSERT_EQ(header.data.size(), 9U);
    const std::uint16_t total = header.data[2] | header.data[3] << 8U;
    EXPECT_EQ(total, device_.configuration.size());
    ControlResult configuration =
        host().get_descriptor(configuration_type, 0, total);
    ASSERT_TRUE(configuration.ok());
    EXPECT_EQ(configuration.data, Bytes(device_.configuration.begin(),
                                        device_.configuration.end()));
    // Strings: the language list, then each string named.
    ControlResult languages = host().get_descriptor(string_type, 0, 255);
    ASSERT_TRUE(languages.ok());
    EXPECT_EQ(languages.data, expected_string(0));
    for (const std::uint8_t index :
         string_indices(device_.device, device_.configuration)) {
      ControlResult text =
          host().get_descriptor(string_type, index, 255, us_english);
      ASSERT_TRUE(text.ok()) << "string " << int{index};
      EXPECT_EQ(text.data, expected_string(index)) << "string " << int{index};
    }
    ASSERT_TRUE(host().set_configuration(1).ok());
    EXPECT_EQ(state(), DeviceState::configured);
  }

  /// Whether a GET_DESCRIPTOR(device) is still served right.
  void expect_still_working() {
    ControlResult device = host().get_descriptor(device_type, 0, 18);
    EXPECT_TRUE(device.ok());
    EXPECT_EQ(device.data, Bytes(device_.device.begin(), device_.device.end()));
  }

  SimulatedNrf52840Usbd model_;
  chips::nrf52840::Usbd usbd_;
  UsbStackRig rig_;
  const DeviceUnderTest &device_;
  std::size_t violations_before_ = 0;
};

/// The enumeration test, for each example device.
class UsbStackEnumerationTest
    : public UsbStackTest,
      public ::testing::WithParamInterface<std::size_t> {
protected:
  UsbStackEnumerationTest() : UsbStackTest(devices[GetParam()]) {}
};

TEST_P(UsbStackEnumerationTest, EnumeratesLikeLinux) { enumerate_like_linux(); }

TEST_P(UsbStackEnumerationTest, EnumeratesTwiceAcrossResets) {
  enumerate_like_linux();
  enumerate_like_linux();
}

TEST_P(UsbStackEnumerationTest, LongDescriptorsInEveryLength) {
  // Every wLength up to past the end: 64-byte packets, a short last one,
  // and the zero-length packet when the descriptor ends on a packet's
  // boundary before wLength.
  enter_address();
  const std::size_t total = device_.configuration.size();
  for (std::size_t length = 1; length <= total + 65; ++length) {
    ControlResult result = host().get_descriptor(
        configuration_type, 0, static_cast<std::uint16_t>(length));
    ASSERT_TRUE(result.ok()) << length;
    const std::size_t expected = std::min(length, total);
    ASSERT_EQ(result.data, Bytes(device_.configuration.begin(),
                                 device_.configuration.begin() +
                                     static_cast<std::ptrdiff_t>(expected)))
        << length;
    if (length > total && total % 64 == 0) {
      EXPECT_EQ(result.packet_lengths.back(), 0U) << length;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(UsbStack, UsbStackEnumerationTest,
                         ::testing::Values(0U, 1U, 2U),
                         [](const ::testing::TestParamInfo<std::size_t> &info) {
                           return std::string(devices[info.param].name);
                         });

/// One standard request and what it must come to in each device state.
struct StateCase {
  /// What it is.
  const char *name;
  /// Its SETUP.
  kernel::hil::usb::SetupBytes setup;
  /// Its reply in the default, address and configured states; nothing
  /// means stalled.
  std::optional<Bytes> reply[3];
};

TEST_F(UsbStackTest, EveryStandardRequestInEveryState) {
  // The composite device: CDC data OUT is endpoint slot 1, data IN slot 2.
  const FunctionPlacement &cdc = standard::composite_device.functions[0];
  const std::uint8_t data_out = cdc.endpoint_addresses[1];
  const std::uint8_t data_in = cdc.endpoint_addresses[2];
  const Bytes device18(device_.device.begin(), device_.device.end());
  const auto setup = ScriptedUsbHost::setup_bytes;
  const std::vector<StateCase> cases = {
      {"GET_STATUS device",
       setup(0x80, 0, 0, 0, 2),
       {std::nullopt, Bytes{0, 0}, Bytes{0, 0}}},
      {"GET_STATUS interface 0",
       setup(0x81, 0, 0, 0, 2),
       {std::nullopt, std::nullopt, Bytes{0, 0}}},
      {"GET_STATUS interface 2",
       setup(0x81, 0, 0, 2, 2),
       {std::nullopt, std::nullopt, Bytes{0, 0}}},
      {"GET_STATUS endpoint 0",
       setup(0x82, 0, 0, 0, 2),
       {std::nullopt, Bytes{0, 0}, Bytes{0, 0}}},
      {"GET_STATUS data IN",
       setup(0x82, 0, 0, data_in, 2),
       {std::nullopt, std::nullopt, Bytes{0, 0}}},
      {"GET_STATUS data OUT",
       setup(0x82, 0, 0, data_out, 2),
       {std::nullopt, std::nullopt, Bytes{0, 0}}},
      {"CLEAR_FEATURE halt data OUT",
       setup(0x02, 1, 0, data_out, 0),
       {std::nullopt, std::nullopt, Bytes{}}},
      {"SET_FEATURE remote wakeup (not supported)",
       setup(0x00, 3, 1, 0, 0),
       {std::nullopt, std::nullopt, std::nullopt}},
      {"GET_DESCRIPTOR device",
       setup(0x80, 6, 0x0100, 0, 18),
       {device18, device18, device18}},
      {"GET_DESCRIPTOR device qualifier (full speed only)",
       setup(0x80, 6, 0x0600, 0, 10),
       {std::nullopt, std::nullopt, std::nullopt}},
      {"SET_DESCRIPTOR",
       setup(0x00, 7, 0x0100, 0, 0),
       {std::nullopt, std::nullopt, std::nullopt}},
      {"GET_CONFIGURATION",
       setup(0x80, 8, 0, 0, 1),
       {std::nullopt, Bytes{0}, Bytes{1}}},
      {"GET_INTERFACE 0",
       setup(0x81, 10, 0, 0, 1),
       {std::nullopt, std::nullopt, Bytes{0}}},
      {"GET_INTERFACE 2",
       setup(0x81, 10, 0, 2, 1),
       {std::nullopt, std::nullopt, Bytes{0}}},
      {"SET_INTERFACE 1 alternate 0",
       setup(0x01, 11, 0, 1, 0),
       {std::nullopt, std::nullopt, Bytes{}}},
      {"SET_INTERFACE 1 alternate 1",
       setup(0x01, 11, 1, 1, 0),
       {std::nullopt, std::nullopt, std::nullopt}},
      {"SYNCH_FRAME",
       setup(0x82, 12, 0, data_in, 2),
       {std::nullopt, std::nullopt, std::nullopt}},
  };
  const DeviceState states[] = {DeviceState::default_state,
                                DeviceState::address, DeviceState::configured};
  for (std::size_t which = 0; which < 3; ++which) {
    switch (which) {
    case 0:
      enter_default();
      break;
    case 1:
      enter_address();
      break;
    default:
      enter_configured();
      break;
    }
    for (const StateCase &test : cases) {
      SCOPED_TRACE(std::string(test.name) + " in state " +
                   std::to_string(which));
      ControlResult result = host().control_read(test.setup);
      if (test.reply[which].has_value()) {
        EXPECT_TRUE(result.ok());
        EXPECT_EQ(result.data, *test.reply[which]);
      } else {
        EXPECT_TRUE(result.stalled());
      }
      EXPECT_EQ(state(), states[which]);
    }
  }
}

TEST_F(UsbStackTest, SetAddressInEachState) {
  enter_default();
  EXPECT_TRUE(host().set_address(3).ok());
  EXPECT_EQ(model_.address(), 3U);
  // Address to address, then back to default with address 0.
  EXPECT_TRUE(host().set_address(4).ok());
  EXPECT_EQ(model_.address(), 4U);
  EXPECT_EQ(state(), DeviceState::address);
  EXPECT_TRUE(host().set_address(0).ok());
  EXPECT_EQ(state(), DeviceState::default_state);
  enter_configured();
  EXPECT_TRUE(host().set_address(5).stalled());
  EXPECT_EQ(state(), DeviceState::configured);
  expect_still_working();
}

TEST_F(UsbStackTest, SetConfigurationInEachState) {
  enter_default();
  EXPECT_TRUE(host().set_configuration(1).stalled());
  EXPECT_EQ(state(), DeviceState::default_state);
  enter_address();
  EXPECT_TRUE(host().set_configuration(0).ok());
  EXPECT_EQ(state(), DeviceState::address);
  EXPECT_TRUE(host().set_configuration(2).stalled());
  EXPECT_TRUE(host().set_configuration(1).ok());
  EXPECT_EQ(state(), DeviceState::configured);
  // Selecting it again re-arms the drivers; deselecting brings the leases
  // back from the controller.
  EXPECT_TRUE(host().set_configuration(1).ok());
  EXPECT_TRUE(host().set_configuration(0).ok());
  EXPECT_EQ(state(), DeviceState::address);
  host().run();
  EXPECT_TRUE(rig_.leases_home());
}

TEST_F(UsbStackTest, BulkPacketsEchoThroughTheDriver) {
  enumerate_like_linux();
  const host_tests::LoopbackFunction &cdc = rig_.function(0);
  ASSERT_TRUE(cdc.out_endpoint().has_value());
  ASSERT_TRUE(cdc.in_endpoint().has_value());
  for (const std::size_t length : {64U, 1U, 0U, 63U, 64U}) {
    Bytes packet(length);
    for (std::size_t index = 0; index < length; ++index) {
      packet[index] = static_cast<std::uint8_t>(index * 7 + length);
    }
    ASSERT_EQ(host().bulk_out(*cdc.out_endpoint(), packet), Handshake::ack);
    host_tests::InResult echo = host().bulk_in(*cdc.in_endpoint());
    ASSERT_EQ(echo.handshake, Handshake::ack) << length;
    EXPECT_EQ(echo.data, packet);
  }
  EXPECT_EQ(cdc.echoed(), 5U);
}

TEST_F(UsbStackTest, HaltedEndpointStallsUntilCleared) {
  enter_configured();
  const host_tests::LoopbackFunction &cdc = rig_.function(0);
  const std::uint8_t out = *cdc.out_endpoint();
  const auto setup = ScriptedUsbHost::setup_bytes;
  EXPECT_TRUE(host().control_read(setup(0x02, 3, 0, out, 0)).ok());
  EXPECT_EQ(host().control_read(setup(0x82, 0, 0, out, 2)).data, (Bytes{1, 0}));
  const Bytes packet(8, 0x5A);
  EXPECT_EQ(host().bulk_out(out, packet), Handshake::stall);
  EXPECT_TRUE(host().control_read(setup(0x02, 1, 0, out, 0)).ok());
  EXPECT_EQ(host().control_read(setup(0x82, 0, 0, out, 2)).data, (Bytes{0, 0}));
  EXPECT_EQ(host().bulk_out(out, packet), Handshake::ack);
  EXPECT_EQ(host().bulk_in(*cdc.in_endpoint()).data, packet);
}

TEST_F(UsbStackTest, ClassRequestsCarryDataBothWays) {
  enter_configured();
  // Interface 2 (the generic HID function), a class request of 100 bytes:
  // two OUT packets, then read back in two IN packets.
  Bytes data(100);
  for (std::size_t index = 0; index < data.size(); ++index) {
    data[index] = static_cast<std::uint8_t>(255 - index);
  }
  const auto setup = ScriptedUsbHost::setup_bytes;
  EXPECT_TRUE(host().control_write(setup(0x21, 0x09, 0, 2, 100), data).ok());
  ControlResult back = host().control_read(setup(0xA1, 0x01, 0, 2, 100));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back.data, data);
  EXPECT_EQ(back.packet_lengths, (std::vector<std::size_t>{64, 36}));
}

TEST_F(UsbStackTest, MalformedRequestsStallAndTheDeviceKeepsWorking) {
  enter_configured();
  const auto setup = ScriptedUsbHost::setup_bytes;
  const kernel::hil::usb::SetupBytes malformed[] = {
      setup(0x80, 6, 0x5500, 0, 18),      // Unknown descriptor type.
      setup(0x80, 6, 0x0309, 0x409, 255), // String 9: none.
      setup(0x80, 6, 0x0201, 0, 9),       // Configuration index 1.
      setup(0x00, 5, 200, 0, 0),          // Address over 127.
      setup(0x00, 5, 3, 1, 0),            // SET_ADDRESS with wIndex.
      setup(0x00, 9, 7, 0, 0),            // No configuration 7.
      setup(0x60, 0, 0, 0, 0),            // Reserved type.
      setup(0x83, 0, 0, 0, 2),            // Recipient "other".
      setup(0x9F, 0, 0, 0, 2),            // Reserved recipient.
      setup(0x80, 0, 0, 0, 5),            // GET_STATUS asking 5 bytes.
      setup(0x80, 0, 1, 0, 2),            // GET_STATUS with wValue.
      setup(0x81, 0, 0, 9, 2),            // No interface 9.
      setup(0x82, 0, 0, 0x0F, 2),         // No endpoint 15.
      setup(0x82, 0, 0, 0x8F, 2),         // No endpoint 0x8F.
      setup(0x00, 3, 7, 0, 0),            // Unknown feature.
      setup(0x80, 0xFF, 0, 0, 64),        // Unknown request.
      setup(0x21, 0x09, 0, 9, 8),         // Class request, no interface.
      setup(0x22, 0x01, 0, 0x0F, 8),      // Class request, no endpoint.
      setup(0xC1, 0x01, 0, 2, 500),       // More than the driver takes.
  };
  for (const auto &bytes : malformed) {
    SCOPED_TRACE(::testing::PrintToString(bytes));
    EXPECT_TRUE(host().control_read(bytes).stalled());
    expect_still_working();
  }
  EXPECT_EQ(state(), DeviceState::configured);
}

TEST_F(UsbStackTest, HostBreakingTheDataStageIsStalled) {
  enter_configured();
  const auto setup = ScriptedUsbHost::setup_bytes;
  // More data than wLength announced.
  const Bytes too_much(64, 1);
  EXPECT_TRUE(
      host().control_write(setup(0x21, 0x09, 0, 2, 10), too_much).stalled());
  expect_still_working();
  // A new SETUP in the middle of a long IN data stage abandons it.
  host().run();
  model_.setup(setup(0x80, 6, 0x0200, 0, 255));
  host().run();
  ASSERT_EQ(model_.host_in(0).handshake, Handshake::ack);
  host().run();
  expect_still_working();
  // A bus reset in the middle of a control write.
  model_.setup(setup(0x21, 0x09, 0, 2, 100));
  host().run();
  ASSERT_EQ(model_.host_out(0, Bytes(64, 2)), Handshake::ack);
  host().bus_reset();
  EXPECT_EQ(state(), DeviceState::default_state);
  EXPECT_TRUE(rig_.leases_home());
  enumerate_like_linux();
}

TEST_F(UsbStackTest, SuspendAndResumeKeepTheConfiguration) {
  enumerate_like_linux();
  host().suspend();
  EXPECT_TRUE(rig_.device().is_suspended());
  host().resume();
  EXPECT_FALSE(rig_.device().is_suspended());
  EXPECT_EQ(state(), DeviceState::configured);
  const host_tests::LoopbackFunction &hid = rig_.function(1);
  const Bytes report(64, 0x42);
  ASSERT_EQ(host().bulk_out(*hid.out_endpoint(), report), Handshake::ack);
  EXPECT_EQ(host().bulk_in(*hid.in_endpoint()).data, report);
}

TEST_F(UsbStackTest, PacketPendingAtDetachIsForgottenAtAttach) {
  // Found by the fuzzer: an OUT packet arrives, the device detaches before
  // the driver sees its EPDATA, and attaches again. The packet went with
  // the disabled USBD, but its EPDATASTATUS bit stayed; the next EPDATA
  // made the driver start EasyDMA on an endpoint holding no packet.
  enumerate_like_linux();
  const host_tests::LoopbackFunction &cdc = rig_.function(0);
  const host_tests::LoopbackFunction &hid = rig_.function(1);
  ASSERT_EQ(model_.host_out(*cdc.out_endpoint(), Bytes{}), Handshake::ack);
  usbd_.detach();
  host().run();
  EXPECT_TRUE(rig_.leases_home());
  ASSERT_TRUE(rig_.attach().is_ok());
  enumerate_like_linux();
  const Bytes report(64, 0x17);
  ASSERT_EQ(host().bulk_out(*hid.out_endpoint(), report), Handshake::ack);
  EXPECT_EQ(host().bulk_in(*hid.in_endpoint()).data, report);
  const Bytes line(5, 0x33);
  ASSERT_EQ(host().bulk_out(*cdc.out_endpoint(), line), Handshake::ack);
  EXPECT_EQ(host().bulk_in(*cdc.in_endpoint()).data, line);
}

TEST_F(UsbStackTest, SetupOvertakingTheLastPacketAbandonsItsTransfer) {
  // Found by the fuzzer: the host fetches the last IN packet of a transfer
  // and sends the next SETUP (SET_ADDRESS) before the driver has seen
  // EP0DATADONE. Finishing the old transfer then triggered EP0STATUS on the
  // new one, which for SET_ADDRESS the hardware answers by itself (for any
  // other request it would let its status stage through early).
  enter_default();
  const auto setup = ScriptedUsbHost::setup_bytes;
  model_.setup(setup(0x80, 6, 0x0100, 0, 18));
  host().run();
  ASSERT_EQ(model_.host_in(0).handshake, Handshake::ack);
  model_.setup(setup(0x00, 5, 3, 0, 0));
  host().run();
  EXPECT_EQ(model_.host_status(), Handshake::ack);
  host().run();
  EXPECT_EQ(model_.address(), 3U);
  EXPECT_EQ(state(), DeviceState::address);
  // The same with a request whose status stage is the driver's.
  model_.setup(setup(0x80, 6, 0x0100, 0, 18));
  host().run();
  ASSERT_EQ(model_.host_in(0).handshake, Handshake::ack);
  model_.setup(setup(0x00, 9, 1, 0, 0));
  host().run();
  EXPECT_EQ(model_.host_status(), Handshake::ack);
  host().run();
  EXPECT_EQ(state(), DeviceState::configured);
  expect_still_working();
}

TEST_F(UsbStackTest, SetupPendingAtABusResetIsVoid) {
  // Found by the fuzzer: a SETUP the driver had not handled yet when the
  // host reset the bus was served after the reset, leaving a data stage (or
  // a SET_ADDRESS) the host never asked for in the new default state.
  enter_address();
  const auto setup = ScriptedUsbHost::setup_bytes;
  model_.setup(setup(0x00, 5, 12, 0, 0));
  model_.bus_reset();
  host().run();
  EXPECT_EQ(state(), DeviceState::default_state);
  EXPECT_TRUE(rig_.leases_home());
  model_.setup(setup(0x80, 6, 0x0200, 0, 255));
  model_.bus_reset();
  host().run();
  EXPECT_TRUE(rig_.leases_home());
  EXPECT_EQ(model_.host_status(), Handshake::nak);
  enumerate_like_linux();
}

/// The serial port device served by the real CDC-ACM driver, as the board
/// wires it, on the simulated USBD.
class UsbStackCdcAcmTest : public ::testing::Test,
                           public kernel::hil::uart::TransmitClient,
                           public kernel::hil::uart::ReceiveClient {
protected:
  UsbStackCdcAcmTest()
      : usbd_(model_.registers, model_.power, model_.errata),
        port_(usbd_, function(),
              leash::Lease<std::uint8_t>::from(notification_storage_),
              leash::Lease<std::uint8_t>::from(in_storage_),
              leash::Lease<std::uint8_t>::from(out_storage_)),
        rig_(model_, usbd_, standard::serial_port_descriptor_table,
             standard::serial_port_device.functions, drivers_) {
    model_.add_data_ram(notification_storage_);
    model_.add_data_ram(in_storage_);
    model_.add_data_ram(out_storage_);
    port_.set_transmit_client(*this);
    port_.set_receive_client(*this);
    transmit_home_.put(leash::Lease<std::uint8_t>::from(transmit_storage_));
    receive_home_.put(leash::Lease<std::uint8_t>::from(receive_storage_));
  }

  void SetUp() override {
    if (!kernel::DeferredCall::verify_setup()) {
      GTEST_SKIP() << "no deferred call left in this process";
    }
    violations_before_ = host_tests::violation_count();
    ASSERT_TRUE(rig_.attach().is_ok());
  }

  void TearDown() override {
    if (IsSkipped()) {
      return;
    }
    rig_.host().bus_reset();
    EXPECT_TRUE(rig_.device().control_buffer_is_home());
    EXPECT_TRUE(port_.buffers_are_home());
    EXPECT_TRUE(transmit_home_.is_some());
    EXPECT_TRUE(receive_home_.is_some());
    EXPECT_EQ(model_.dropped_out_packets(), 0U);
    EXPECT_EQ(host_tests::violation_count(), violations_before_);
  }

  static const FunctionPlacement &function() {
    return standard::serial_port_device.functions[0];
  }
  /// The endpoint number in the CDC-ACM function's endpoint `slot`.
  static std::uint8_t endpoint(std::size_t slot) {
    return function().endpoint_addresses[slot] & 0x0FU;
  }

  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override {
    transmitted_.push_back({length, result.is_ok()});
    transmit_home_.put(std::move(buffer));
  }
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result) const override {
    for (std::size_t index = 0; index < length; ++index) {
      received_.push_back(buffer[index]);
    }
    receive_home_.put(std::move(buffer));
  }

  SimulatedNrf52840Usbd model_;
  chips::nrf52840::Usbd usbd_;
  std::uint8_t notification_storage_[16] = {};
  std::uint8_t in_storage_[64] = {};
  std::uint8_t out_storage_[64] = {};
  capsules::usb::CdcAcm port_;
  std::array<const capsules::usb::ClassDriver *, 1> drivers_{&port_};
  UsbStackRig rig_;
  std::uint8_t transmit_storage_[32] = {};
  std::uint8_t receive_storage_[32] = {};
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_home_;
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_home_;
  mutable std::vector<std::pair<std::size_t, bool>> transmitted_;
  mutable Bytes received_;
  std::size_t violations_before_ = 0;
};

TEST_F(UsbStackCdcAcmTest, BytesCrossTheRealDriverBothWays) {
  ScriptedUsbHost &host = rig_.host();
  host.bus_reset();
  ASSERT_TRUE(host.set_address(4).ok());
  ASSERT_TRUE(host.set_configuration(1).ok());
  ASSERT_TRUE(port_.is_configured());
  // What a terminal does on open: SET_CONTROL_LINE_STATE, DTR and RTS, to
  // the communication interface.
  EXPECT_TRUE(
      host.control_read(ScriptedUsbHost::setup_bytes(0x21, 0x22, 3, 0, 0))
          .ok());
  // Device to host.
  leash::Lease<std::uint8_t> text = transmit_home_.take();
  const std::string hello = "hello";
  for (std::size_t index = 0; index < hello.size(); ++index) {
    text[index] = static_cast<std::uint8_t>(hello[index]);
  }
  auto refusal = port_.transmit(std::move(text), hello.size());
  ASSERT_FALSE(refusal);
  host.run();
  Bytes arrived;
  for (int packet = 0; packet < 4 && arrived.size() < hello.size(); ++packet) {
    host_tests::InResult in = host.bulk_in(endpoint(2));
    if (in.handshake == Handshake::ack) {
      arrived.insert(arrived.end(), in.data.begin(), in.data.end());
    }
  }
  EXPECT_EQ(std::string(arrived.begin(), arrived.end()), hello);
  ASSERT_EQ(transmitted_.size(), 1U);
  EXPECT_EQ(transmitted_[0], (std::pair<std::size_t, bool>{5, true}));
  // Host to device.
  auto receive_refusal = port_.receive(receive_home_.take(), 3);
  ASSERT_FALSE(receive_refusal);
  host.run();
  const Bytes typed{'a', 'b', 'c'};
  ASSERT_EQ(host.bulk_out(endpoint(1), typed), Handshake::ack);
  host.run();
  EXPECT_EQ(received_, typed);
}

} // namespace
