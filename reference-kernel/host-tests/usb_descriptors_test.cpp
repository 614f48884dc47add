/// Tests of the USB descriptor builders against the specifications.
#include "capsules/usb/standard_configurations.h"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace {

using namespace capsules::usb;

/// The bytes of `array`, as a vector gtest prints in full on a mismatch.
template <std::size_t length>
std::vector<std::uint8_t>
bytes_of(const std::array<std::uint8_t, length> &array) {
  return {array.begin(), array.end()};
}

// The oracles below are typed from the specifications, field by field; they
// are the only hand-typed descriptor bytes in the tree, and they are not
// derived from the builder's output.

/// The CDC-ACM function as interfaces 0 and 1 with the builder's endpoint
/// choice: notification IN 1, data OUT 1, data IN 2. 66 bytes.
constexpr std::array<std::uint8_t, 66> cdc_acm_function_bytes{
    // Interface Association Descriptor (IAD ECN).
    8,    // bLength
    0x0B, // bDescriptorType: INTERFACE ASSOCIATION
    0,    // bFirstInterface
    2,    // bInterfaceCount
    0x02, // bFunctionClass: Communications
    0x02, // bFunctionSubClass: Abstract Control Model
    0x00, // bFunctionProtocol: none
    5,    // iFunction: "leash console"
    // Communication interface (USB 2.0 table 9-12).
    9,    // bLength
    0x04, // bDescriptorType: INTERFACE
    0,    // bInterfaceNumber
    0,    // bAlternateSetting
    1,    // bNumEndpoints
    0x02, // bInterfaceClass: Communications
    0x02, // bInterfaceSubClass: Abstract Control Model
    0x00, // bInterfaceProtocol: none
    5,    // iInterface
    // Header functional descriptor (CDC 1.2 table 15).
    5,          // bFunctionLength
    0x24,       // bDescriptorType: CS_INTERFACE
    0x00,       // bDescriptorSubtype: Header
    0x20, 0x01, // bcdCDC: 1.20
    // Call Management functional descriptor (PSTN 1.2 table 3).
    5,    // bFunctionLength
    0x24, // bDescriptorType: CS_INTERFACE
    0x01, // bDescriptorSubtype: Call Management
    0x00, // bmCapabilities: no call management
    1,    // bDataInterface
    // Abstract Control Management functional descriptor (PSTN 1.2 table 4).
    4,    // bFunctionLength
    0x24, // bDescriptorType: CS_INTERFACE
    0x02, // bDescriptorSubtype: Abstract Control Management
    0x02, // bmCapabilities: line coding, control line state, serial state
    // Union functional descriptor (CDC 1.2 table 16).
    5,    // bFunctionLength
    0x24, // bDescriptorType: CS_INTERFACE
    0x06, // bDescriptorSubtype: Union
    0,    // bControlInterface
    1,    // bSubordinateInterface0
    // Notification endpoint (USB 2.0 table 9-13).
    7,     // bLength
    0x05,  // bDescriptorType: ENDPOINT
    0x81,  // bEndpointAddress: IN 1
    0x03,  // bmAttributes: interrupt
    16, 0, // wMaxPacketSize
    16,    // bInterval: 16 ms
    // Data interface.
    9,    // bLength
    0x04, // bDescriptorType: INTERFACE
    1,    // bInterfaceNumber
    0,    // bAlternateSetting
    2,    // bNumEndpoints
    0x0A, // bInterfaceClass: CDC Data
    0x00, // bInterfaceSubClass
    0x00, // bInterfaceProtocol
    0,    // iInterface
    // Data OUT endpoint.
    7,     // bLength
    0x05,  // bDescriptorType: ENDPOINT
    0x01,  // bEndpointAddress: OUT 1
    0x02,  // bmAttributes: bulk
    64, 0, // wMaxPacketSize
    0,     // bInterval: unused for bulk
    // Data IN endpoint.
    7,     // bLength
    0x05,  // bDescriptorType: ENDPOINT
    0x82,  // bEndpointAddress: IN 2
    0x02,  // bmAttributes: bulk
    64, 0, // wMaxPacketSize
    0,     // bInterval
};

/// `first` followed by `second`.
template <std::size_t first_length>
std::vector<std::uint8_t>
concatenate(const std::array<std::uint8_t, first_length> &first,
            std::span<const std::uint8_t> second) {
  std::vector<std::uint8_t> bytes(first.begin(), first.end());
  bytes.insert(bytes.end(), second.begin(), second.end());
  return bytes;
}

TEST(UsbDescriptors, SerialPortDeviceDescriptor) {
  constexpr std::array<std::uint8_t, 18> expected{
      18,         // bLength
      0x01,       // bDescriptorType: DEVICE
      0x00, 0x02, // bcdUSB: 2.00
      0xEF,       // bDeviceClass: Miscellaneous (there is an IAD)
      0x02,       // bDeviceSubClass: Common Class
      0x01,       // bDeviceProtocol: Interface Association Descriptor
      64,         // bMaxPacketSize0
      0x09, 0x12, // idVendor: 0x1209
      0x01, 0x00, // idProduct: 0x0001
      0x01, 0x01, // bcdDevice: 1.01
      1,          // iManufacturer
      2,          // iProduct
      0,          // iSerialNumber: none
      1,          // bNumConfigurations
  };
  EXPECT_EQ(bytes_of(standard::serial_port_device.device), bytes_of(expected));
}

TEST(UsbDescriptors, SerialPortConfigurationBytes) {
  constexpr std::array<std::uint8_t, 9> configuration_header{
      9,       // bLength
      0x02,    // bDescriptorType: CONFIGURATION
      75,   0, // wTotalLength: 9 + 66
      2,       // bNumInterfaces
      1,       // bConfigurationValue
      0,       // iConfiguration
      0x80,    // bmAttributes: reserved bit 7, bus powered, no remote wakeup
      50,      // bMaxPower: 100 mA in 2 mA units
  };
  EXPECT_EQ(bytes_of(standard::serial_port_device.configuration),
            concatenate(configuration_header, cdc_acm_function_bytes));
  EXPECT_EQ(standard::serial_port_device.interface_count, 2U);
}

TEST(UsbDescriptors, KeyboardDeviceDescriptorLeavesTheClassToTheInterface) {
  constexpr std::array<std::uint8_t, 18> expected{
      18,   0x01, 0x00, 0x02, // bLength, DEVICE, bcdUSB 2.00
      0x00,                   // bDeviceClass: per interface (no IAD)
      0x00,                   // bDeviceSubClass
      0x00,                   // bDeviceProtocol
      64,   0x09, 0x12,       // bMaxPacketSize0, idVendor
      0x01, 0x00,             // idProduct
      0x02, 0x01,             // bcdDevice: 1.02
      1,    3,    0,          // iManufacturer, iProduct, iSerialNumber
      1,                      // bNumConfigurations
  };
  EXPECT_EQ(bytes_of(standard::keyboard_device.device), bytes_of(expected));
}

TEST(UsbDescriptors, KeyboardConfigurationBytes) {
  constexpr std::array<std::uint8_t, 34> expected{
      // Configuration (USB 2.0 table 9-10).
      9, 0x02, // bLength, CONFIGURATION
      34, 0,   // wTotalLength: 9 + 9 + 9 + 7
      1,       // bNumInterfaces
      1,       // bConfigurationValue
      0,       // iConfiguration
      0x80,    // bmAttributes
      50,      // bMaxPower: 100 mA
      // Interface.
      9, 0x04, // bLength, INTERFACE
      0,       // bInterfaceNumber
      0,       // bAlternateSetting
      1,       // bNumEndpoints
      0x03,    // bInterfaceClass: HID
      0x01,    // bInterfaceSubClass: boot interface
      0x01,    // bInterfaceProtocol: keyboard
      0,       // iInterface
      // HID descriptor (HID 1.11 section 6.2.1).
      9,          // bLength
      0x21,       // bDescriptorType: HID
      0x11, 0x01, // bcdHID: 1.11
      0x00,       // bCountryCode: not localized
      1,          // bNumDescriptors
      0x22,       // bDescriptorType: Report
      63, 0,      // wDescriptorLength: the boot keyboard's report descriptor
      // Interrupt IN endpoint.
      7, 0x05, // bLength, ENDPOINT
      0x81,    // bEndpointAddress: IN 1
      0x03,    // bmAttributes: interrupt
      8, 0,    // wMaxPacketSize
      10,      // bInterval: 10 ms
  };
  EXPECT_EQ(bytes_of(standard::keyboard_device.configuration),
            bytes_of(expected));
}

TEST(UsbDescriptors, CompositeConfigurationBytes) {
  constexpr std::array<std::uint8_t, 9> configuration_header{
      9,    0x02, // bLength, CONFIGURATION
      107,  0,    // wTotalLength: 9 + 66 + 32
      3,          // bNumInterfaces: CDC-ACM's two, HID's one
      1,          // bConfigurationValue
      0,          // iConfiguration
      0x80,       // bmAttributes
      50,         // bMaxPower
  };
  constexpr std::array<std::uint8_t, 32> generic_hid_bytes{
      // Interface: numbered after the CDC-ACM function's two.
      9, 0x04, // bLength, INTERFACE
      2,       // bInterfaceNumber
      0,       // bAlternateSetting
      2,       // bNumEndpoints
      0x03,    // bInterfaceClass: HID
      0x00,    // bInterfaceSubClass: no boot interface
      0x00,    // bInterfaceProtocol: none
      0,       // iInterface
      // HID descriptor.
      9, 0x21, 0x11, 0x01, // bLength, HID, bcdHID 1.11
      0x00, 1, 0x22,       // bCountryCode, bNumDescriptors, Report
      25, 0,               // wDescriptorLength: the generic report descriptor
      // Interrupt IN: IN 1 and 2 are the CDC-ACM function's, so IN 3.
      7, 0x05, 0x83, 0x03, // bLength, ENDPOINT, IN 3, interrupt
      64, 0, 1,            // wMaxPacketSize, bInterval 1 ms
      // Interrupt OUT: OUT 1 is the CDC-ACM function's, so OUT 2.
      7, 0x05, 0x02, 0x03, // bLength, ENDPOINT, OUT 2, interrupt
      64, 0, 1,            // wMaxPacketSize, bInterval 1 ms
  };
  std::vector<std::uint8_t> expected =
      concatenate(configuration_header, cdc_acm_function_bytes);
  expected.insert(expected.end(), generic_hid_bytes.begin(),
                  generic_hid_bytes.end());
  EXPECT_EQ(bytes_of(standard::composite_device.configuration), expected);
  EXPECT_EQ(standard::composite_device.device[4], 0xEF);
  EXPECT_EQ(standard::composite_device.device[5], 0x02);
  EXPECT_EQ(standard::composite_device.device[6], 0x01);
}

/// One descriptor of a configuration, found by walking the bLength chain.
struct FoundDescriptor {
  std::size_t offset;
  std::uint8_t length;
  std::uint8_t type;
};

/// The descriptors of `configuration` by bLength, as a host parses them;
/// fails the test if a bLength runs past the end.
std::vector<FoundDescriptor> walk(std::span<const std::uint8_t> configuration) {
  std::vector<FoundDescriptor> found;
  std::size_t offset = 0;
  while (offset < configuration.size()) {
    const std::uint8_t length = configuration[offset];
    EXPECT_GE(length, 2U) << "at offset " << offset;
    EXPECT_LE(offset + length, configuration.size()) << "at offset " << offset;
    if (length < 2 || offset + length > configuration.size()) {
      break;
    }
    found.push_back({offset, length, configuration[offset + 1]});
    offset += length;
  }
  EXPECT_EQ(offset, configuration.size());
  return found;
}

TEST(UsbDescriptors, WalkingEveryConfigurationEndsExactlyAtWTotalLength) {
  for (std::span<const std::uint8_t> configuration :
       {std::span<const std::uint8_t>(
            standard::serial_port_device.configuration),
        std::span<const std::uint8_t>(standard::keyboard_device.configuration),
        std::span<const std::uint8_t>(
            standard::composite_device.configuration)}) {
    const std::size_t total_length =
        configuration[2] | (configuration[3] << 8U);
    EXPECT_EQ(total_length, configuration.size());
    const std::vector<FoundDescriptor> found = walk(configuration);
    ASSERT_FALSE(found.empty());
    EXPECT_EQ(found.front().type, 0x02);
  }
}

TEST(UsbDescriptors, CompositeInterfaceNumbersAssociationAndUnionAreComputed) {
  const auto &configuration = standard::composite_device.configuration;
  std::vector<std::uint8_t> interface_numbers;
  std::vector<std::uint8_t> endpoint_addresses;
  for (const FoundDescriptor &descriptor : walk(configuration)) {
    const std::size_t at = descriptor.offset;
    if (descriptor.type == 0x04) {
      interface_numbers.push_back(configuration[at + 2]);
    } else if (descriptor.type == 0x05) {
      endpoint_addresses.push_back(configuration[at + 2]);
    } else if (descriptor.type == 0x0B) {
      EXPECT_EQ(configuration[at + 2], 0) << "bFirstInterface";
      EXPECT_EQ(configuration[at + 3], 2) << "bInterfaceCount";
    } else if (descriptor.type == 0x24 && configuration[at + 2] == 0x06) {
      EXPECT_EQ(configuration[at + 3], 0) << "bControlInterface";
      EXPECT_EQ(configuration[at + 4], 1) << "bSubordinateInterface0";
    } else if (descriptor.type == 0x24 && configuration[at + 2] == 0x01) {
      EXPECT_EQ(configuration[at + 4], 1) << "bDataInterface";
    }
  }
  EXPECT_EQ(interface_numbers, (std::vector<std::uint8_t>{0, 1, 2}));
  EXPECT_EQ(endpoint_addresses,
            (std::vector<std::uint8_t>{0x81, 0x01, 0x82, 0x83, 0x02}));
}

TEST(UsbDescriptors, CompositePlacementsTellEachClassDriverItsNumbers) {
  const auto &placements = standard::composite_device.functions;
  ASSERT_EQ(placements.size(), 2U);
  // The serial port: interfaces 0 and 1.
  EXPECT_EQ(placements[0].first_interface, 0U);
  EXPECT_EQ(placements[0].endpoint_count, 3U);
  EXPECT_EQ(placements[0].endpoint_addresses[CdcAcmFunction::notification_slot],
            0x81);
  EXPECT_EQ(placements[0].endpoint_addresses[CdcAcmFunction::data_out_slot],
            0x01);
  EXPECT_EQ(placements[0].endpoint_addresses[CdcAcmFunction::data_in_slot],
            0x82);
  // The HID device: interface 2.
  using GenericHid = HidFunction<HidEndpoints::in_and_out>;
  EXPECT_EQ(placements[1].first_interface, 2U);
  EXPECT_EQ(placements[1].endpoint_count, 2U);
  EXPECT_EQ(placements[1].endpoint_addresses[GenericHid::in_slot], 0x83);
  EXPECT_EQ(placements[1].endpoint_addresses[GenericHid::out_slot], 0x02);
}

TEST(UsbDescriptors, GivenEndpointNumbersAreKeptAndAutomaticOnesFillTheGaps) {
  // A HID function first, with numbers the board chose, then a serial
  // port whose numbers are left to the builder.
  constexpr HidFunction<HidEndpoints::in_and_out> hid_with_numbers{
      .report_descriptor = hid::generic_in_out_report_descriptor,
      .in = {.number = 1, .max_packet_size = 64, .interval = 1},
      .out = {.number = 3, .max_packet_size = 64, .interval = 1},
  };
  constexpr auto device =
      build_device(DeviceDescription{.vendor_id = 0x1209, .product_id = 0x0001},
                   ConfigurationDescription{.value = 1,
                                            .power = Power::self_powered,
                                            .remote_wakeup = true,
                                            .max_power_milliamperes = 0},
                   hid_with_numbers, CdcAcmFunction{});
  std::vector<std::uint8_t> interface_numbers;
  std::vector<std::uint8_t> endpoint_addresses;
  for (const FoundDescriptor &descriptor : walk(device.configuration)) {
    if (descriptor.type == 0x04) {
      interface_numbers.push_back(device.configuration[descriptor.offset + 2]);
    } else if (descriptor.type == 0x05) {
      endpoint_addresses.push_back(device.configuration[descriptor.offset + 2]);
    } else if (descriptor.type == 0x0B) {
      // The serial port comes second: its IAD starts at interface 1.
      EXPECT_EQ(device.configuration[descriptor.offset + 2], 1);
      EXPECT_EQ(device.configuration[descriptor.offset + 3], 2);
    }
  }
  EXPECT_EQ(interface_numbers, (std::vector<std::uint8_t>{0, 1, 2}));
  // HID: IN 1, OUT 3 as given. Serial port: the lowest free ones, IN 2 for
  // notifications, OUT 1, then IN 3.
  EXPECT_EQ(endpoint_addresses,
            (std::vector<std::uint8_t>{0x81, 0x03, 0x82, 0x01, 0x83}));
  EXPECT_EQ(device.functions[1].first_interface, 1U);
  EXPECT_EQ(
      device.functions[1].endpoint_addresses[CdcAcmFunction::data_in_slot],
      0x83);
  // bmAttributes: bit 7 reserved, bit 6 self powered, bit 5 remote wakeup.
  EXPECT_EQ(device.configuration[7], 0xE0);
  EXPECT_EQ(device.configuration[8], 0);
  // An IAD anywhere makes the device class 0xEF/0x02/0x01.
  EXPECT_EQ(device.device[4], 0xEF);
}

TEST(UsbDescriptors, AnExplicitDeviceClassIsKept) {
  constexpr auto device = build_device(
      DeviceDescription{.vendor_id = 0x1234,
                        .product_id = 0xABCD,
                        .device_release = 0x0200,
                        .device_class = ClassTriple{0xFF, 0x01, 0x02},
                        .control_max_packet_size = 8},
      ConfigurationDescription{.value = 2, .max_power_milliamperes = 101},
      standard::boot_keyboard);
  EXPECT_EQ(device.device[4], 0xFF);
  EXPECT_EQ(device.device[5], 0x01);
  EXPECT_EQ(device.device[6], 0x02);
  EXPECT_EQ(device.device[7], 8);
  EXPECT_EQ(device.device[8], 0x34);
  EXPECT_EQ(device.device[9], 0x12);
  EXPECT_EQ(device.device[10], 0xCD);
  EXPECT_EQ(device.device[11], 0xAB);
  EXPECT_EQ(device.configuration[5], 2);
  // 101 mA rounds up to 51 units of 2 mA: never declare less than is drawn.
  EXPECT_EQ(device.configuration[8], 51);
}

TEST(UsbDescriptors,
     KeyboardBootReportDescriptorIsTheOneOfTheHidSpecification) {
  // HID 1.11 appendix E.6, item by item.
  constexpr std::array<std::uint8_t, 63> expected{
      0x05, 0x01, // Usage Page (Generic Desktop)
      0x09, 0x06, // Usage (Keyboard)
      0xA1, 0x01, // Collection (Application)
      0x05, 0x07, //   Usage Page (Key Codes)
      0x19, 0xE0, //   Usage Minimum (224)
      0x29, 0xE7, //   Usage Maximum (231)
      0x15, 0x00, //   Logical Minimum (0)
      0x25, 0x01, //   Logical Maximum (1)
      0x75, 0x01, //   Report Size (1)
      0x95, 0x08, //   Report Count (8)
      0x81, 0x02, //   Input (Data, Variable, Absolute): modifiers
      0x95, 0x01, //   Report Count (1)
      0x75, 0x08, //   Report Size (8)
      0x81, 0x01, //   Input (Constant): reserved byte
      0x95, 0x05, //   Report Count (5)
      0x75, 0x01, //   Report Size (1)
      0x05, 0x08, //   Usage Page (LEDs)
      0x19, 0x01, //   Usage Minimum (1)
      0x29, 0x05, //   Usage Maximum (5)
      0x91, 0x02, //   Output (Data, Variable, Absolute): LEDs
      0x95, 0x01, //   Report Count (1)
      0x75, 0x03, //   Report Size (3)
      0x91, 0x01, //   Output (Constant): padding
      0x95, 0x06, //   Report Count (6)
      0x75, 0x08, //   Report Size (8)
      0x15, 0x00, //   Logical Minimum (0)
      0x25, 0x65, //   Logical Maximum (101)
      0x05, 0x07, //   Usage Page (Key Codes)
      0x19, 0x00, //   Usage Minimum (0)
      0x29, 0x65, //   Usage Maximum (101)
      0x81, 0x00, //   Input (Data, Array): key codes
      0xC0,       // End Collection
  };
  EXPECT_EQ(bytes_of(hid::keyboard_boot_report_descriptor), bytes_of(expected));
}

TEST(UsbDescriptors, GenericReportDescriptorHas64ByteInAndOutReports) {
  constexpr std::array<std::uint8_t, 25> expected{
      0x06, 0x00, 0xFF, // Usage Page (Vendor Defined 0xFF00), two data bytes
      0x09, 0x01,       // Usage (1)
      0xA1, 0x01,       // Collection (Application)
      0x09, 0x02,       //   Usage (2)
      0x15, 0x00,       //   Logical Minimum (0)
      0x26, 0xFF, 0x00, //   Logical Maximum (255): two bytes, as it is signed
      0x75, 0x08,       //   Report Size (8)
      0x95, 0x40,       //   Report Count (64)
      0x81, 0x02,       //   Input (Data, Variable, Absolute)
      0x09, 0x03,       //   Usage (3)
      0x91, 0x02,       //   Output (Data, Variable, Absolute)
      0xC0,             // End Collection
  };
  EXPECT_EQ(bytes_of(hid::generic_in_out_report_descriptor),
            bytes_of(expected));
}

TEST(UsbDescriptors, ItemHelpersPickTheShortestEncoding) {
  static constexpr std::array items{
      hid::logical_minimum(-1),    hid::logical_minimum(-129),
      hid::logical_maximum(32767), hid::logical_maximum(32768),
      hid::usage(0x1234),          hid::report_count(0x10000),
      hid::end_collection(),
  };
  constexpr auto bytes = hid::encode_report_descriptor<items>();
  constexpr std::array<std::uint8_t, 22> expected{
      0x15, 0xFF,                   // Logical Minimum (-1): one byte
      0x16, 0x7F, 0xFF,             // Logical Minimum (-129): two bytes
      0x26, 0xFF, 0x7F,             // Logical Maximum (32767): two bytes
      0x27, 0x00, 0x80, 0x00, 0x00, // Logical Maximum (32768): four bytes
      0x0A, 0x34, 0x12,             // Usage (0x1234): two bytes
      0x97, 0x00, 0x00, 0x01, 0x00, // Report Count (65536): four bytes
      0xC0,                         // End Collection: no data
  };
  EXPECT_EQ(bytes_of(bytes), bytes_of(expected));
}

TEST(UsbDescriptors, FullSpeedDeviceStallsDeviceQualifier) {
  EXPECT_EQ(device_qualifier_answer, DeviceQualifierAnswer::stall);
  EXPECT_FALSE(full_speed_device_answers(DescriptorType::device_qualifier));
  EXPECT_FALSE(
      full_speed_device_answers(DescriptorType::other_speed_configuration));
  EXPECT_TRUE(full_speed_device_answers(DescriptorType::device));
  EXPECT_TRUE(full_speed_device_answers(DescriptorType::configuration));
  EXPECT_TRUE(full_speed_device_answers(DescriptorType::string));
}

// Lengths computed at compile time agree with the arrays.
static_assert(CdcAcmFunction::descriptor_length == 66);
static_assert(HidFunction<HidEndpoints::in_only>::descriptor_length == 25);
static_assert(HidFunction<HidEndpoints::in_and_out>::descriptor_length == 32);
static_assert(standard::composite_device.configuration.size() == 107);

} // namespace
