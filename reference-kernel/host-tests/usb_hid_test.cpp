/// Tests of the HID class drivers: keyboard and generic device, through
/// UsbDevice.
#include "capsules/usb/hid_driver.h"
#include "capsules/usb/hid_generic.h"
#include "capsules/usb/hid_keyboard.h"
#include "capsules/usb/hid_report_descriptors.h"
#include "capsules/usb/standard_configurations.h"
#include "support/usb_device_fixture.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <random>
#include <vector>

namespace {

using capsules::usb::HidDriver;
using capsules::usb::HidGeneric;
using capsules::usb::HidKeyboard;
using host_tests::setup_bytes;
using host_tests::Transfer;
using kernel::ErrorCode;
using kernel::hil::usb::Direction;
namespace hid = capsules::usb::hid;
namespace standard = capsules::usb::standard;

// bmRequestType of the requests the tests send.
constexpr std::uint8_t standard_in_to_interface = 0x81;
constexpr std::uint8_t class_in_to_interface = 0xA1;
constexpr std::uint8_t class_out_to_interface = 0x21;
constexpr std::uint8_t standard_out_to_endpoint = 0x02;
// bRequest.
constexpr std::uint8_t get_descriptor = 6;
constexpr std::uint8_t set_configuration = 9;
constexpr std::uint8_t clear_feature = 1;
constexpr std::uint8_t set_feature = 3;
constexpr std::uint8_t get_report = 1;
constexpr std::uint8_t get_idle = 2;
constexpr std::uint8_t get_protocol = 3;
constexpr std::uint8_t set_report = 9;
constexpr std::uint8_t set_idle = 0x0A;
constexpr std::uint8_t set_protocol = 0x0B;

/// The HID descriptor inside a configuration descriptor.
std::vector<std::uint8_t>
hid_descriptor_in(std::span<const std::uint8_t> configuration) {
  for (std::size_t at = 0; at + 1 < configuration.size();
       at += configuration[at]) {
    if (configuration[at + 1] == 0x21) {
      return {configuration.begin() + static_cast<std::ptrdiff_t>(at),
              configuration.begin() + static_cast<std::ptrdiff_t>(at + 9)};
    }
    if (configuration[at] == 0) {
      break;
    }
  }
  return {};
}

/// Records LED changes.
class LedRecorder final : public capsules::usb::HidKeyboardClient {
public:
  void leds_changed(std::uint8_t leds) const override { seen.push_back(leds); }
  mutable std::vector<std::uint8_t> seen;
};

/// Records output reports.
class ReportRecorder final : public capsules::usb::HidGenericClient {
public:
  void report_received(std::span<const std::uint8_t, hid::generic_report_size>
                           report) const override {
    seen.emplace_back(report.begin(), report.end());
  }
  mutable std::vector<std::vector<std::uint8_t>> seen;
};

/// What a HID test shares: the fixture's device with a HID driver in the
/// slot of function `slot`, and the lease check at the end.
class UsbHidTestBase : public host_tests::UsbDeviceTest {
protected:
  using UsbDeviceTest::UsbDeviceTest;

  /// Every input report sent on IN endpoint `number`, in order.
  std::vector<std::vector<std::uint8_t>> reports_on(std::uint8_t number) const {
    std::vector<std::vector<std::uint8_t>> reports;
    for (const auto &packet : controller_.sent) {
      if (packet.number == number) {
        reports.push_back(packet.bytes);
      }
    }
    return reports;
  }

  /// A bus reset hands every packet in flight back: then every lease of
  /// `driver` must be home (endpoint 0's is checked by the base).
  void expect_leases_home(const HidDriver &driver) {
    controller_.pump();
    controller_.reset();
    EXPECT_TRUE(driver.buffers_are_home());
  }
};

/// The boot keyboard device: one HID interface (0), IN endpoint only.
class UsbHidKeyboardTest : public UsbHidTestBase {
protected:
  UsbHidKeyboardTest()
      : UsbHidTestBase(standard::keyboard_descriptor_table,
                       standard::keyboard_device.functions) {
    drivers_[0] = &hid_;
    keyboard_.set_client(leds_);
  }

  void TearDown() override {
    expect_leases_home(hid_);
    UsbHidTestBase::TearDown();
  }

  /// The IN endpoint's number.
  static constexpr std::uint8_t in_number =
      standard::keyboard_device.functions[0].endpoint_addresses[0] & 0x0FU;

  std::uint8_t in_storage_[8] = {};
  HidDriver hid_{controller_, standard::boot_keyboard,
                 standard::keyboard_device.functions[0],
                 leash::Lease<std::uint8_t>::from(in_storage_)};
  HidKeyboard keyboard_{hid_};
  LedRecorder leds_;
};

/// The composite device: CDC-ACM (interfaces 0 and 1, a recording driver)
/// and the generic HID device on interface 2 with IN and OUT endpoints.
class UsbHidGenericTest : public UsbHidTestBase {
protected:
  UsbHidGenericTest() {
    drivers_[1] = &hid_;
    generic_.set_client(reports_);
  }

  void TearDown() override {
    expect_leases_home(hid_);
    UsbHidTestBase::TearDown();
  }

  /// The HID function's placement.
  static constexpr const capsules::usb::FunctionPlacement &placement =
      standard::composite_device.functions[1];
  /// Its interface number.
  static constexpr std::uint8_t interface = placement.first_interface;
  /// Its IN endpoint's number.
  static constexpr std::uint8_t in_number =
      placement.endpoint_addresses[0] & 0x0FU;
  /// Its OUT endpoint's number.
  static constexpr std::uint8_t out_number =
      placement.endpoint_addresses[1] & 0x0FU;

  /// 64 bytes counting from `first`.
  static std::vector<std::uint8_t> pattern(std::uint8_t first) {
    std::vector<std::uint8_t> bytes(hid::generic_report_size);
    for (std::size_t index = 0; index < bytes.size(); ++index) {
      bytes[index] = static_cast<std::uint8_t>(first + index);
    }
    return bytes;
  }

  std::uint8_t in_storage_[64] = {};
  std::uint8_t out_storage_[64] = {};
  HidDriver hid_{controller_, standard::generic_hid, placement,
                 leash::Lease<std::uint8_t>::from(in_storage_),
                 leash::Lease<std::uint8_t>::from(out_storage_)};
  HidGeneric generic_{hid_};
  ReportRecorder reports_;
};

// --- Keyboard: descriptors ---------------------------------------------------

TEST_F(UsbHidKeyboardTest, EnumeratesAndAnswersItsHidDescriptor) {
  enter_configured();
  EXPECT_TRUE(hid_.is_configured());
  EXPECT_EQ(in_number, 1);
  const std::vector<std::uint8_t> expected =
      hid_descriptor_in(standard::keyboard_device.configuration);
  ASSERT_EQ(expected.size(), 9U);
  const Transfer transfer = control_read(
      setup_bytes(standard_in_to_interface, get_descriptor, 0x2100, 0, 9));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data, expected);
  EXPECT_EQ(expected[7], 63); // The report descriptor's length.
  // The core enabled the interrupt IN endpoint the function declares.
  using Enabled = host_tests::FakeUsbController::EnabledEndpoint;
  EXPECT_EQ(controller_.enabled.at(0x81),
            (Enabled{0x81, kernel::hil::usb::TransferType::interrupt, 8}));
}

TEST_F(UsbHidKeyboardTest, HidDescriptorIsCutToWLength) {
  enter_configured();
  const std::vector<std::uint8_t> expected =
      hid_descriptor_in(standard::keyboard_device.configuration);
  for (const std::uint16_t length : {5, 9, 255}) {
    const Transfer transfer = control_read(setup_bytes(
        standard_in_to_interface, get_descriptor, 0x2100, 0, length));
    ASSERT_TRUE(transfer.served()) << length;
    const std::size_t count = std::min<std::size_t>(length, 9);
    EXPECT_EQ(transfer.data,
              std::vector<std::uint8_t>(expected.begin(),
                                        expected.begin() +
                                            static_cast<std::ptrdiff_t>(count)))
        << length;
  }
}

TEST_F(UsbHidKeyboardTest, ReportDescriptorIsCutToWLength) {
  enter_configured();
  const auto &descriptor = hid::keyboard_boot_report_descriptor;
  for (const std::uint16_t length : {10, 63, 200}) {
    const Transfer transfer = control_read(setup_bytes(
        standard_in_to_interface, get_descriptor, 0x2200, 0, length));
    ASSERT_TRUE(transfer.served()) << length;
    const std::size_t count = std::min<std::size_t>(length, descriptor.size());
    EXPECT_EQ(transfer.data,
              std::vector<std::uint8_t>(descriptor.begin(),
                                        descriptor.begin() +
                                            static_cast<std::ptrdiff_t>(count)))
        << length;
  }
}

TEST_F(UsbHidKeyboardTest, DescriptorsAreNotServedBeforeConfiguration) {
  enter_address();
  EXPECT_TRUE(control_read(setup_bytes(standard_in_to_interface, get_descriptor,
                                       0x2200, 0, 63))
                  .stalled);
}

// --- Keyboard: class requests ------------------------------------------------

TEST_F(UsbHidKeyboardTest, IdleRateRoundTrip) {
  enter_configured();
  Transfer transfer =
      control_read(setup_bytes(class_in_to_interface, get_idle, 0, 0, 1));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data, std::vector<std::uint8_t>{0});
  EXPECT_TRUE(control_read(
                  setup_bytes(class_out_to_interface, set_idle, 125 << 8, 0, 0))
                  .served());
  transfer =
      control_read(setup_bytes(class_in_to_interface, get_idle, 0, 0, 1));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data, std::vector<std::uint8_t>{125});
  EXPECT_EQ(hid_.idle_rate(), 125);
}

TEST_F(UsbHidKeyboardTest, IdleRateExpiryResendsTheCurrentReport) {
  enter_configured();
  ASSERT_TRUE(
      control_read(setup_bytes(class_out_to_interface, set_idle, 2 << 8, 0, 0))
          .served());
  ASSERT_TRUE(keyboard_.press(0, {4, 0, 0, 0, 0, 0}).is_ok());
  ASSERT_TRUE(controller_.complete_in(in_number));
  hid_.advance_time(7); // 2 x 4 ms not yet over.
  EXPECT_EQ(reports_on(in_number).size(), 1U);
  hid_.advance_time(1);
  const auto reports = reports_on(in_number);
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[1], reports[0]);
}

TEST_F(UsbHidKeyboardTest, IdleRateZeroSendsOnlyOnChange) {
  enter_configured();
  hid_.advance_time(100000);
  EXPECT_TRUE(reports_on(in_number).empty());
}

TEST_F(UsbHidKeyboardTest, ProtocolRoundTrip) {
  enter_configured();
  Transfer transfer =
      control_read(setup_bytes(class_in_to_interface, get_protocol, 0, 0, 1));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data, std::vector<std::uint8_t>{1}); // Report protocol.
  EXPECT_TRUE(
      control_read(setup_bytes(class_out_to_interface, set_protocol, 0, 0, 0))
          .served());
  EXPECT_EQ(hid_.protocol(), hid::Protocol::boot);
  transfer =
      control_read(setup_bytes(class_in_to_interface, get_protocol, 0, 0, 1));
  EXPECT_EQ(transfer.data, std::vector<std::uint8_t>{0});
  EXPECT_TRUE(
      control_read(setup_bytes(class_out_to_interface, set_protocol, 1, 0, 0))
          .served());
  EXPECT_EQ(hid_.protocol(), hid::Protocol::report);
}

TEST_F(UsbHidKeyboardTest, GetReportAnswersTheCurrentInputReport) {
  enter_configured();
  Transfer transfer = control_read(
      setup_bytes(class_in_to_interface, get_report, 0x0100, 0, 8));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data, std::vector<std::uint8_t>(8, 0));
  ASSERT_TRUE(keyboard_.press(0x22, {0x04, 0x05, 0, 0, 0, 0}).is_ok());
  transfer = control_read(
      setup_bytes(class_in_to_interface, get_report, 0x0100, 0, 64));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data,
            (std::vector<std::uint8_t>{0x22, 0, 0x04, 0x05, 0, 0, 0, 0}));
}

TEST_F(UsbHidKeyboardTest, SetReportDeliversTheLeds) {
  enter_configured();
  const Transfer transfer = control_write(
      setup_bytes(class_out_to_interface, set_report, 0x0200, 0, 1), {0xE3});
  EXPECT_TRUE(transfer.served());
  EXPECT_EQ(keyboard_.leds(), 0x03); // Padding bits dropped.
  EXPECT_EQ(leds_.seen, std::vector<std::uint8_t>{0x03});
}

TEST_F(UsbHidKeyboardTest,
       MalformedAndUnsupportedRequestsStallAndTheDeviceGoesOn) {
  enter_configured();
  const std::vector<kernel::hil::usb::SetupBytes> stalled{
      setup_bytes(class_in_to_interface, get_idle, 0, 0, 2),        // wLength.
      setup_bytes(class_in_to_interface, get_idle, 1, 0, 1),        // Report 1.
      setup_bytes(class_out_to_interface, set_idle, 0x0101, 0, 0),  // Report 1.
      setup_bytes(class_in_to_interface, get_report, 0x0300, 0, 8), // Feature.
      setup_bytes(class_in_to_interface, get_report, 0x0101, 0, 8), // Id 1.
      setup_bytes(class_out_to_interface, set_report, 0x0100, 0, 8),  // Input.
      setup_bytes(class_out_to_interface, set_report, 0x0200, 0, 65), // Long.
      setup_bytes(class_out_to_interface, set_protocol, 2, 0, 0), // No such.
      setup_bytes(class_in_to_interface, get_protocol, 0, 0, 0),  // wLength.
      setup_bytes(class_in_to_interface, 0x05, 0, 0, 1),          // Unknown.
      setup_bytes(class_out_to_interface, get_idle, 0, 0, 1),     // Direction.
      setup_bytes(class_in_to_interface, get_idle, 0, 1, 1),      // Interface.
      setup_bytes(class_in_to_interface, get_idle, 0, 0x0100, 1), // wIndex.
      setup_bytes(0xC1, get_idle, 0, 0, 1),                       // Vendor.
      setup_bytes(standard_in_to_interface, get_descriptor, 0x2300, 0, 9),
      setup_bytes(standard_in_to_interface, get_descriptor, 0x2201, 0, 9),
  };
  for (const auto &setup : stalled) {
    EXPECT_TRUE(control_read(setup).stalled)
        << int(setup[0]) << " " << int(setup[1]) << " " << int(setup[2]);
  }
  EXPECT_TRUE(
      control_write(
          setup_bytes(class_out_to_interface, set_report, 0x0300, 0, 1), {1})
          .stalled);
  EXPECT_EQ(hid_.idle_rate(), 0);
  EXPECT_EQ(hid_.protocol(), hid::Protocol::report);
  EXPECT_TRUE(
      control_read(setup_bytes(class_in_to_interface, get_idle, 0, 0, 1))
          .served());
  ASSERT_TRUE(keyboard_.press(0, {4, 0, 0, 0, 0, 0}).is_ok());
  EXPECT_EQ(reports_on(in_number).size(), 1U);
}

// --- Keyboard: input reports -------------------------------------------------

TEST_F(UsbHidKeyboardTest, PressAndReleaseSendExactBootReports) {
  enter_configured();
  ASSERT_TRUE(keyboard_.press(0x02, {0x04, 0x05, 0x06, 0, 0, 0}).is_ok());
  EXPECT_TRUE(hid_.is_sending());
  ASSERT_TRUE(controller_.complete_in(in_number));
  EXPECT_FALSE(hid_.is_sending());
  ASSERT_TRUE(keyboard_.release_all().is_ok());
  ASSERT_TRUE(controller_.complete_in(in_number));
  const auto reports = reports_on(in_number);
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0],
            (std::vector<std::uint8_t>{0x02, 0, 0x04, 0x05, 0x06, 0, 0, 0}));
  EXPECT_EQ(reports[1], std::vector<std::uint8_t>(8, 0));
}

TEST_F(UsbHidKeyboardTest, ANewerReportReplacesTheOneWaiting) {
  enter_configured();
  ASSERT_TRUE(keyboard_.press(0, {0x04, 0, 0, 0, 0, 0}).is_ok()); // Flies.
  ASSERT_TRUE(keyboard_.press(0, {0x05, 0, 0, 0, 0, 0}).is_ok()); // Waits.
  ASSERT_TRUE(keyboard_.press(0, {0x06, 0, 0, 0, 0, 0}).is_ok()); // Replaces.
  EXPECT_EQ(reports_on(in_number).size(), 1U);
  ASSERT_TRUE(controller_.complete_in(in_number));
  ASSERT_TRUE(controller_.complete_in(in_number));
  EXPECT_FALSE(controller_.complete_in(in_number));
  const auto reports = reports_on(in_number);
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[0][2], 0x04);
  EXPECT_EQ(reports[1][2], 0x06);
}

TEST_F(UsbHidKeyboardTest, ReportsBeforeConfigurationAreRefused) {
  enter_address();
  EXPECT_EQ(keyboard_.press(0, {4, 0, 0, 0, 0, 0}).error(), ErrorCode::off);
  EXPECT_TRUE(reports_on(in_number).empty());
}

TEST_F(UsbHidKeyboardTest, BusResetReturnsTheLeaseAndForgetsTheState) {
  enter_configured();
  ASSERT_TRUE(
      control_read(setup_bytes(class_out_to_interface, set_idle, 9 << 8, 0, 0))
          .served());
  ASSERT_TRUE(keyboard_.press(0, {4, 0, 0, 0, 0, 0}).is_ok());
  ASSERT_TRUE(keyboard_.press(0, {5, 0, 0, 0, 0, 0}).is_ok());
  controller_.reset(); // The packet in flight comes back cancelled.
  EXPECT_TRUE(hid_.buffers_are_home());
  EXPECT_FALSE(hid_.is_configured());
  EXPECT_EQ(hid_.idle_rate(), 0);
  EXPECT_EQ(reports_on(in_number).size(), 1U); // The waiting one is dropped.
  enter_configured();
  ASSERT_TRUE(keyboard_.press(0, {6, 0, 0, 0, 0, 0}).is_ok());
  EXPECT_EQ(reports_on(in_number).back()[2], 6);
}

TEST_F(UsbHidKeyboardTest, DeconfigurationReturnsTheLease) {
  enter_configured();
  ASSERT_TRUE(keyboard_.press(0, {4, 0, 0, 0, 0, 0}).is_ok());
  ASSERT_TRUE(keyboard_.press(0, {5, 0, 0, 0, 0, 0}).is_ok());
  EXPECT_TRUE(
      control_read(setup_bytes(0x00, set_configuration, 0, 0, 0)).served());
  controller_.pump();
  EXPECT_TRUE(hid_.buffers_are_home());
  EXPECT_FALSE(hid_.is_configured());
  EXPECT_EQ(reports_on(in_number).size(), 1U);
  EXPECT_EQ(keyboard_.release_all().error(), ErrorCode::off);
}

TEST_F(UsbHidKeyboardTest, HaltCancelsTheReportAndResumeSendsItAgain) {
  enter_configured();
  ASSERT_TRUE(keyboard_.press(0, {4, 0, 0, 0, 0, 0}).is_ok());
  ASSERT_TRUE(control_read(setup_bytes(standard_out_to_endpoint, set_feature, 0,
                                       0x80 | in_number, 0))
                  .served());
  controller_.pump();
  EXPECT_FALSE(hid_.is_sending()); // Cancelled: the lease came back.
  EXPECT_EQ(keyboard_.press(0, {5, 0, 0, 0, 0, 0}).error(), ErrorCode::invalid);
  ASSERT_TRUE(control_read(setup_bytes(standard_out_to_endpoint, clear_feature,
                                       0, 0x80 | in_number, 0))
                  .served());
  const auto reports = reports_on(in_number);
  ASSERT_EQ(reports.size(), 2U);
  EXPECT_EQ(reports[1][2], 5); // The latest report, once resumed.
  ASSERT_TRUE(controller_.complete_in(in_number));
}

// --- Composite device: the generic HID function on interface 2 --------------

TEST_F(UsbHidGenericTest, RequestsAreRoutedToInterfaceTwo) {
  enter_configured();
  ASSERT_EQ(interface, 2);
  const Transfer transfer = control_read(setup_bytes(
      standard_in_to_interface, get_descriptor, 0x2200, interface, 255));
  ASSERT_TRUE(transfer.served());
  EXPECT_EQ(transfer.data, std::vector<std::uint8_t>(
                               hid::generic_in_out_report_descriptor.begin(),
                               hid::generic_in_out_report_descriptor.end()));
  const Transfer hid_descriptor = control_read(setup_bytes(
      standard_in_to_interface, get_descriptor, 0x2100, interface, 9));
  EXPECT_EQ(hid_descriptor.data,
            hid_descriptor_in(standard::composite_device.configuration));
  // Interface 0 is the serial port's: the HID driver does not hear of it.
  functions_[0].accept = false;
  EXPECT_TRUE(
      control_read(setup_bytes(class_in_to_interface, get_idle, 0, 0, 1))
          .stalled);
  EXPECT_EQ(functions_[0].setups.size(), 1U);
  EXPECT_TRUE(control_read(
                  setup_bytes(class_in_to_interface, get_idle, 0, interface, 1))
                  .served());
}

TEST_F(UsbHidGenericTest, EnumeratesWithBothInterruptEndpoints) {
  enter_configured();
  EXPECT_TRUE(hid_.is_configured());
  using Enabled = host_tests::FakeUsbController::EnabledEndpoint;
  const auto interrupt = kernel::hil::usb::TransferType::interrupt;
  EXPECT_EQ(
      controller_.enabled.at(0x80 | in_number),
      (Enabled{static_cast<std::uint8_t>(0x80 | in_number), interrupt, 64}));
  EXPECT_EQ(controller_.enabled.at(out_number),
            (Enabled{out_number, interrupt, 64}));
  // Configured, the OUT endpoint is armed with the driver's lease.
  EXPECT_TRUE(controller_.is_in_flight({out_number, Direction::out}));
}

TEST_F(UsbHidGenericTest, RandomRequestsToTheInterfaceLeaveItWorking) {
  enter_configured();
  std::mt19937 random(2026);
  const std::array<std::uint8_t, 6> request_types{class_in_to_interface,
                                                  class_out_to_interface,
                                                  standard_in_to_interface,
                                                  0x01,
                                                  0xC1,
                                                  0x41};
  for (int round = 0; round < 2000; ++round) {
    const std::uint8_t type = request_types[random() % request_types.size()];
    const auto request = static_cast<std::uint8_t>(random() % 16);
    const auto value = static_cast<std::uint16_t>(
        random() % 4 == 0 ? random() : (random() % 4) << 8);
    const auto length = static_cast<std::uint16_t>(random() % 80);
    const auto setup = setup_bytes(type, request, value, interface, length);
    if ((type & 0x80U) != 0) {
      static_cast<void>(control_read(setup));
    } else {
      static_cast<void>(
          control_write(setup, std::vector<std::uint8_t>(length, 0x5A)));
    }
  }
  controller_.pump();
  EXPECT_TRUE(control_read(
                  setup_bytes(class_in_to_interface, get_idle, 0, interface, 1))
                  .served());
  std::array<std::uint8_t, 64> report{};
  report[0] = 0x42;
  ASSERT_TRUE(generic_.send(report).is_ok());
  EXPECT_EQ(reports_on(in_number).back()[0], 0x42);
  ASSERT_TRUE(controller_.complete_in(in_number));
}

TEST_F(UsbHidGenericTest, ProtocolRequestsStallWithoutABootInterface) {
  enter_configured();
  EXPECT_TRUE(control_read(setup_bytes(class_in_to_interface, get_protocol, 0,
                                       interface, 1))
                  .stalled);
  EXPECT_TRUE(control_read(setup_bytes(class_out_to_interface, set_protocol, 0,
                                       interface, 0))
                  .stalled);
  EXPECT_EQ(hid_.protocol(), hid::Protocol::report);
}

TEST_F(UsbHidGenericTest, InputReportsAreByteExact) {
  enter_configured();
  const std::vector<std::uint8_t> first = pattern(1);
  std::array<std::uint8_t, 64> report{};
  std::copy(first.begin(), first.end(), report.begin());
  ASSERT_TRUE(generic_.send(report).is_ok());
  ASSERT_TRUE(controller_.complete_in(in_number));
  const auto reports = reports_on(in_number);
  ASSERT_EQ(reports.size(), 1U);
  EXPECT_EQ(reports[0], first);
  const Transfer transfer = control_read(
      setup_bytes(class_in_to_interface, get_report, 0x0100, interface, 64));
  EXPECT_EQ(transfer.data, first);
}

TEST_F(UsbHidGenericTest, OutputReportsOnTheOutEndpointAreByteExact) {
  enter_configured();
  ASSERT_TRUE(controller_.is_in_flight({out_number, Direction::out}));
  ASSERT_TRUE(controller_.complete_out(out_number, pattern(7)));
  ASSERT_TRUE(controller_.complete_out(out_number, pattern(200)));
  ASSERT_EQ(reports_.seen.size(), 2U);
  EXPECT_EQ(reports_.seen[0], pattern(7));
  EXPECT_EQ(reports_.seen[1], pattern(200));
  EXPECT_TRUE(controller_.is_in_flight({out_number, Direction::out}));
}

TEST_F(UsbHidGenericTest, OutputReportsBySetReportAreByteExact) {
  enter_configured();
  EXPECT_TRUE(control_write(setup_bytes(class_out_to_interface, set_report,
                                        0x0200, interface, 64),
                            pattern(3))
                  .served());
  ASSERT_EQ(reports_.seen.size(), 1U);
  EXPECT_EQ(reports_.seen[0], pattern(3));
}

TEST_F(UsbHidGenericTest, ShortOutputReportsAreDropped) {
  enter_configured();
  ASSERT_TRUE(controller_.complete_out(out_number, {1, 2, 3}));
  EXPECT_TRUE(reports_.seen.empty());
  EXPECT_TRUE(controller_.is_in_flight({out_number, Direction::out}));
}

TEST_F(UsbHidGenericTest, HaltAndResumeOfTheOutEndpoint) {
  enter_configured();
  ASSERT_TRUE(control_read(setup_bytes(standard_out_to_endpoint, set_feature, 0,
                                       out_number, 0))
                  .served());
  controller_.pump();
  EXPECT_FALSE(controller_.is_in_flight({out_number, Direction::out}));
  EXPECT_TRUE(hid_.buffers_are_home());
  ASSERT_TRUE(control_read(setup_bytes(standard_out_to_endpoint, clear_feature,
                                       0, out_number, 0))
                  .served());
  EXPECT_TRUE(controller_.is_in_flight({out_number, Direction::out}));
  ASSERT_TRUE(controller_.complete_out(out_number, pattern(9)));
  EXPECT_EQ(reports_.seen.size(), 1U);
}

TEST_F(UsbHidGenericTest, DeconfigurationReturnsBothLeases) {
  enter_configured();
  std::array<std::uint8_t, 64> report{};
  ASSERT_TRUE(generic_.send(report).is_ok());
  EXPECT_TRUE(
      control_read(setup_bytes(0x00, set_configuration, 0, 0, 0)).served());
  controller_.pump();
  EXPECT_TRUE(hid_.buffers_are_home());
  EXPECT_FALSE(controller_.is_in_flight({out_number, Direction::out}));
  // Selected again: the OUT endpoint is armed again.
  EXPECT_TRUE(
      control_read(setup_bytes(0x00, set_configuration, 1, 0, 0)).served());
  EXPECT_TRUE(controller_.is_in_flight({out_number, Direction::out}));
}

TEST_F(UsbHidGenericTest, BusResetReturnsBothLeases) {
  enter_configured();
  std::array<std::uint8_t, 64> report{};
  ASSERT_TRUE(generic_.send(report).is_ok());
  controller_.reset();
  EXPECT_TRUE(hid_.buffers_are_home());
  EXPECT_FALSE(hid_.is_configured());
}

} // namespace
