/// Tests of chapter 9: each standard request in each state; malformed ones.
#include "capsules/usb/standard_configurations.h"
#include "support/usb_device_fixture.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace {

using capsules::usb::DeviceState;
using host_tests::setup_bytes;
using host_tests::Transfer;
namespace standard = capsules::usb::standard;

using UsbStandardRequestTest = host_tests::UsbDeviceTest;

/// The composite device's CDC bulk IN endpoint: a data endpoint.
const std::uint16_t data_endpoint =
    standard::composite_device.functions[0]
        .endpoint_addresses[capsules::usb::CdcAcmFunction::data_in_slot];

/// What chapter 9 says the device does with a request.
enum class Answer { served, stalled };
constexpr Answer ok = Answer::served;
constexpr Answer stall = Answer::stalled;

/// One request and its answer in the default, address and configured
/// states.
struct Row {
  const char *name;
  kernel::hil::usb::SetupBytes setup;
  std::array<Answer, 3> answers;
};

// USB 2.0 section 9.4, request by request; "not specified" is a stall.
const std::vector<Row> rows{
    {"GetStatusDevice", setup_bytes(0x80, 0, 0, 0, 2), {stall, ok, ok}},
    {"GetStatusInterface", setup_bytes(0x81, 0, 0, 0, 2), {stall, stall, ok}},
    {"GetStatusMissingInterface",
     setup_bytes(0x81, 0, 0, 3, 2),
     {stall, stall, stall}},
    {"GetStatusEndpointZero",
     setup_bytes(0x82, 0, 0, 0x80, 2),
     {stall, ok, ok}},
    {"GetStatusDataEndpoint",
     setup_bytes(0x82, 0, 0, data_endpoint, 2),
     {stall, stall, ok}},
    {"GetStatusMissingEndpoint",
     setup_bytes(0x82, 0, 0, 0x8F, 2),
     {stall, stall, stall}},
    {"ClearHaltDataEndpoint",
     setup_bytes(0x02, 1, 0, data_endpoint, 0),
     {stall, stall, ok}},
    {"SetHaltDataEndpoint",
     setup_bytes(0x02, 3, 0, data_endpoint, 0),
     {stall, stall, ok}},
    {"ClearHaltEndpointZero", setup_bytes(0x02, 1, 0, 0, 0), {stall, ok, ok}},
    {"SetHaltEndpointZero",
     setup_bytes(0x02, 3, 0, 0, 0),
     {stall, stall, stall}},
    {"SetHaltMissingEndpoint",
     setup_bytes(0x02, 3, 0, 0x0E, 0),
     {stall, stall, stall}},
    {"InterfaceFeature", setup_bytes(0x01, 3, 0, 0, 0), {stall, stall, stall}},
    // The standard configurations do not declare remote wakeup.
    {"SetRemoteWakeup", setup_bytes(0x00, 3, 1, 0, 0), {stall, stall, stall}},
    {"ClearRemoteWakeup", setup_bytes(0x00, 1, 1, 0, 0), {stall, stall, stall}},
    {"SetTestMode", setup_bytes(0x00, 3, 2, 0x0100, 0), {stall, stall, stall}},
    {"SetAddress", setup_bytes(0x00, 5, 7, 0, 0), {ok, ok, stall}},
    {"GetDeviceDescriptor", setup_bytes(0x80, 6, 0x0100, 0, 18), {ok, ok, ok}},
    {"GetConfigurationDescriptor",
     setup_bytes(0x80, 6, 0x0200, 0, 255),
     {ok, ok, ok}},
    {"GetLanguageIds", setup_bytes(0x80, 6, 0x0300, 0, 255), {ok, ok, ok}},
    {"GetString", setup_bytes(0x80, 6, 0x0301, 0x0409, 255), {ok, ok, ok}},
    // A class descriptor asked of an interface: its function answers.
    {"GetInterfaceClassDescriptor",
     setup_bytes(0x81, 6, 0x2200, 2, 255),
     {stall, stall, ok}},
    {"GetDeviceQualifier",
     setup_bytes(0x80, 6, 0x0600, 0, 10),
     {stall, stall, stall}},
    {"GetOtherSpeedConfiguration",
     setup_bytes(0x80, 6, 0x0700, 0, 255),
     {stall, stall, stall}},
    {"SetDescriptor",
     setup_bytes(0x00, 7, 0x0100, 0, 18),
     {stall, stall, stall}},
    {"GetConfiguration", setup_bytes(0x80, 8, 0, 0, 1), {stall, ok, ok}},
    {"SetConfigurationOne", setup_bytes(0x00, 9, 1, 0, 0), {stall, ok, ok}},
    {"SetConfigurationZero", setup_bytes(0x00, 9, 0, 0, 0), {stall, ok, ok}},
    {"SetConfigurationTwo",
     setup_bytes(0x00, 9, 2, 0, 0),
     {stall, stall, stall}},
    {"GetInterface", setup_bytes(0x81, 10, 0, 2, 1), {stall, stall, ok}},
    {"GetMissingInterface",
     setup_bytes(0x81, 10, 0, 3, 1),
     {stall, stall, stall}},
    {"SetInterfaceZero", setup_bytes(0x01, 11, 0, 1, 0), {stall, stall, ok}},
    {"SetInterfaceOne", setup_bytes(0x01, 11, 1, 1, 0), {stall, stall, stall}},
    {"SynchFrame",
     setup_bytes(0x82, 12, 0, data_endpoint, 2),
     {stall, stall, stall}},
};

/// A row in a state.
struct Case {
  std::size_t row;
  DeviceState state;
};

std::vector<Case> all_cases() {
  std::vector<Case> cases;
  for (std::size_t row = 0; row < rows.size(); ++row) {
    for (const DeviceState state :
         {DeviceState::default_state, DeviceState::address,
          DeviceState::configured}) {
      cases.push_back({row, state});
    }
  }
  return cases;
}

const char *state_name(DeviceState state) {
  switch (state) {
  case DeviceState::default_state:
    return "Default";
  case DeviceState::address:
    return "Address";
  case DeviceState::configured:
    return "Configured";
  }
  return "";
}

class UsbStandardRequestStateTest : public host_tests::UsbDeviceTest,
                                    public ::testing::WithParamInterface<Case> {
};

TEST_P(UsbStandardRequestStateTest, ServedOrStalledAsChapter9Says) {
  const Row &row = rows[GetParam().row];
  const DeviceState state = GetParam().state;
  switch (state) {
  case DeviceState::default_state:
    enter_default();
    break;
  case DeviceState::address:
    enter_address();
    break;
  case DeviceState::configured:
    enter_configured();
    break;
  }
  const Transfer transfer = control_read(row.setup);
  const Answer expected = row.answers[static_cast<std::size_t>(state)];
  if (expected == Answer::served) {
    EXPECT_TRUE(transfer.served());
  } else {
    EXPECT_TRUE(transfer.stalled);
    EXPECT_FALSE(transfer.status);
    EXPECT_TRUE(transfer.data.empty());
    // A stall changes nothing: the state is the same.
    EXPECT_EQ(device_.device_state(), state);
  }
  // The device keeps working.
  EXPECT_TRUE(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).served());
}

INSTANTIATE_TEST_SUITE_P(UsbEveryRequestInEveryState,
                         UsbStandardRequestStateTest,
                         ::testing::ValuesIn(all_cases()),
                         [](const ::testing::TestParamInfo<Case> &info) {
                           return std::string(rows[info.param.row].name) +
                                  state_name(info.param.state);
                         });

/// Malformed requests (USB 2.0 table 9-3 broken) and requests for what the
/// device does not have, each sent to a configured device.
const std::vector<std::pair<const char *, kernel::hil::usb::SetupBytes>>
    malformed{
        {"GetConfigurationToInterface", setup_bytes(0x81, 8, 0, 0, 1)},
        {"SetAddressToEndpoint", setup_bytes(0x02, 5, 3, 0, 0)},
        {"GetStatusToOther", setup_bytes(0x83, 0, 0, 0, 2)},
        {"GetStatusWrongDirection", setup_bytes(0x00, 0, 0, 0, 2)},
        {"SetConfigurationWrongDirection", setup_bytes(0x80, 9, 1, 0, 0)},
        {"GetDescriptorWrongDirection", setup_bytes(0x00, 6, 0x0100, 0, 18)},
        {"GetStatusLengthFour", setup_bytes(0x80, 0, 0, 0, 4)},
        {"GetConfigurationLengthTwo", setup_bytes(0x80, 8, 0, 0, 2)},
        {"SetAddressWithData", setup_bytes(0x00, 5, 3, 0, 1)},
        {"SetAddressIndexOne", setup_bytes(0x00, 5, 3, 1, 0)},
        {"GetConfigurationIndexOne", setup_bytes(0x80, 8, 0, 1, 1)},
        {"GetStatusDeviceIndexOne", setup_bytes(0x80, 0, 0, 1, 2)},
        {"GetStatusValueOne", setup_bytes(0x80, 0, 1, 0, 2)},
        {"SetAddressTooHigh", setup_bytes(0x00, 5, 128, 0, 0)},
        {"ReservedRequestTwo", setup_bytes(0x80, 2, 0, 0, 2)},
        {"ReservedRequestFour", setup_bytes(0x00, 4, 0, 0, 0)},
        {"UnknownRequestThirteen", setup_bytes(0x80, 13, 0, 0, 2)},
        {"ReservedType", setup_bytes(0xE0, 6, 0x0100, 0, 18)},
        {"ClassToDevice", setup_bytes(0xA0, 1, 0, 0, 8)},
        {"VendorToOther", setup_bytes(0xC3, 1, 0, 0, 8)},
        {"DeviceDescriptorIndexOne", setup_bytes(0x80, 6, 0x0101, 0, 18)},
        {"ConfigurationIndexOne", setup_bytes(0x80, 6, 0x0201, 0, 255)},
        {"StringIndexOutOfRange", setup_bytes(0x80, 6, 0x0309, 0x0409, 255)},
        {"UnknownDescriptorType", setup_bytes(0x80, 6, 0x0900, 0, 255)},
        {"InterfaceDescriptorDirect", setup_bytes(0x80, 6, 0x0400, 0, 9)},
    };

class UsbMalformedRequestTest
    : public host_tests::UsbDeviceTest,
      public ::testing::WithParamInterface<std::size_t> {};

TEST_P(UsbMalformedRequestTest, StallsAndTheDeviceGoesOn) {
  enter_configured();
  const std::size_t enabled = controller_.enabled.size();
  const Transfer transfer = control_read(malformed[GetParam()].second);
  EXPECT_TRUE(transfer.stalled);
  EXPECT_FALSE(transfer.status);
  EXPECT_EQ(device_.device_state(), DeviceState::configured);
  EXPECT_EQ(controller_.enabled.size(), enabled);
  EXPECT_EQ(controller_.addresses, std::vector<std::uint8_t>{5});
  EXPECT_TRUE(control_read(setup_bytes(0x80, 6, 0x0100, 0, 18)).served());
  EXPECT_EQ(control_read(setup_bytes(0x80, 8, 0, 0, 1)).data,
            std::vector<std::uint8_t>{1});
}

INSTANTIATE_TEST_SUITE_P(UsbMalformed, UsbMalformedRequestTest,
                         ::testing::Range<std::size_t>(0, malformed.size()),
                         [](const ::testing::TestParamInfo<std::size_t> &info) {
                           return std::string(malformed[info.param].first);
                         });

TEST_F(UsbStandardRequestTest, RepliesCarryTheRightValues) {
  enter_address();
  EXPECT_EQ(control_read(setup_bytes(0x80, 8, 0, 0, 1)).data,
            std::vector<std::uint8_t>{0});
  EXPECT_EQ(control_read(setup_bytes(0x82, 0, 0, 0, 2)).data,
            (std::vector<std::uint8_t>{0, 0}));
  EXPECT_TRUE(control_read(setup_bytes(0x00, 9, 1, 0, 0)).served());
  EXPECT_EQ(control_read(setup_bytes(0x81, 10, 0, 1, 1)).data,
            std::vector<std::uint8_t>{0});
  // SET_INTERFACE resets the interface's endpoints only (CDC data: two).
  const std::size_t enables = controller_.enable_log.size();
  EXPECT_TRUE(control_read(setup_bytes(0x01, 11, 0, 1, 0)).served());
  EXPECT_EQ(controller_.enable_log.size(), enables + 2);
  // A descriptor cut to a short wLength.
  EXPECT_EQ(control_read(setup_bytes(0x80, 6, 0x0100, 0, 8)).data.size(), 8U);
  EXPECT_EQ(control_read(setup_bytes(0x80, 6, 0x0302, 0x0409, 2)).data,
            (std::vector<std::uint8_t>{2 + 2 * 17, 3}));
}

/// A device that declares remote wakeup and self power.
constexpr auto waking_device = capsules::usb::build_device(
    capsules::usb::DeviceDescription{.vendor_id = standard::test_vendor_id,
                                     .product_id = standard::test_product_id},
    capsules::usb::ConfigurationDescription{
        .power = capsules::usb::Power::self_powered, .remote_wakeup = true},
    standard::console_port);
constexpr capsules::usb::DescriptorTable waking_table{
    waking_device, standard::string_descriptors};

class UsbRemoteWakeupTest : public host_tests::UsbDeviceTest {
protected:
  UsbRemoteWakeupTest()
      : UsbDeviceTest(waking_table, waking_device.functions) {}
};

TEST_F(UsbRemoteWakeupTest, FeatureShowsInDeviceStatus) {
  enter_configured();
  EXPECT_EQ(control_read(setup_bytes(0x80, 0, 0, 0, 2)).data,
            (std::vector<std::uint8_t>{1, 0}));
  EXPECT_TRUE(control_read(setup_bytes(0x00, 3, 1, 0, 0)).served());
  EXPECT_TRUE(device_.remote_wakeup_enabled());
  EXPECT_EQ(control_read(setup_bytes(0x80, 0, 0, 0, 2)).data,
            (std::vector<std::uint8_t>{3, 0}));
  EXPECT_TRUE(control_read(setup_bytes(0x00, 1, 1, 0, 0)).served());
  EXPECT_EQ(control_read(setup_bytes(0x80, 0, 0, 0, 2)).data,
            (std::vector<std::uint8_t>{1, 0}));
  // A bus reset forgets it.
  EXPECT_TRUE(control_read(setup_bytes(0x00, 3, 1, 0, 0)).served());
  controller_.reset();
  EXPECT_FALSE(device_.remote_wakeup_enabled());
}

} // namespace
