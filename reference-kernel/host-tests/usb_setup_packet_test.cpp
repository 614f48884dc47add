/// Tests of SETUP packet parsing and of the standard requests' shape checks.
#include "capsules/usb/setup_packet.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace {

using namespace capsules::usb;

using SetupBytes = std::array<std::uint8_t, setup_packet_size>;

TEST(UsbSetupPacket, FieldsAreLittleEndianInTheOrderOfTable9_2) {
  // GET_DESCRIPTOR(string 2, language 0x0409), wLength 0x0102.
  const SetupPacket packet = SetupPacket::parse(
      SetupBytes{0x80, 0x06, 0x02, 0x03, 0x09, 0x04, 0x02, 0x01});
  EXPECT_EQ(packet.request_type_bits, 0x80);
  EXPECT_EQ(packet.request_code, 6);
  EXPECT_EQ(packet.value, 0x0302);
  EXPECT_EQ(packet.index, 0x0409);
  EXPECT_EQ(packet.length, 0x0102);
  EXPECT_EQ(packet.direction(), DataDirection::device_to_host);
  EXPECT_EQ(packet.type(), RequestType::standard);
  EXPECT_EQ(packet.recipient(), Recipient::device);
  EXPECT_EQ(packet.standard_request(), StandardRequest::get_descriptor);
  EXPECT_EQ(packet.descriptor_type(), 0x03);
  EXPECT_EQ(packet.descriptor_index(), 0x02);
  EXPECT_TRUE(packet.is_well_formed_standard_request());
}

TEST(UsbSetupPacket, RequestTypeBitsDecode) {
  // Class request to an interface, host to device (CDC SET_LINE_CODING).
  const SetupPacket class_out =
      SetupPacket::parse(SetupBytes{0x21, 0x20, 0, 0, 0, 0, 7, 0});
  EXPECT_EQ(class_out.direction(), DataDirection::host_to_device);
  EXPECT_EQ(class_out.type(), RequestType::class_specific);
  EXPECT_EQ(class_out.recipient(), Recipient::interface);
  EXPECT_EQ(class_out.standard_request(), std::nullopt);
  EXPECT_FALSE(class_out.is_well_formed_standard_request());

  // Vendor request to an endpoint, device to host.
  const SetupPacket vendor_in =
      SetupPacket::parse(SetupBytes{0xC2, 0x06, 0, 0, 0x81, 0, 2, 0});
  EXPECT_EQ(vendor_in.direction(), DataDirection::device_to_host);
  EXPECT_EQ(vendor_in.type(), RequestType::vendor);
  EXPECT_EQ(vendor_in.recipient(), Recipient::endpoint);
  // bRequest 6 is GET_DESCRIPTOR only for standard requests.
  EXPECT_EQ(vendor_in.standard_request(), std::nullopt);

  // "Other" recipient, reserved type and reserved recipients.
  EXPECT_EQ(
      SetupPacket::parse(SetupBytes{0x03, 0, 0, 0, 0, 0, 0, 0}).recipient(),
      Recipient::other);
  EXPECT_EQ(SetupPacket::parse(SetupBytes{0x60, 0, 0, 0, 0, 0, 0, 0}).type(),
            RequestType::reserved);
  for (std::uint8_t recipient = 4; recipient <= 31; ++recipient) {
    EXPECT_EQ(SetupPacket::parse(SetupBytes{recipient, 0, 0, 0, 0, 0, 0, 0})
                  .recipient(),
              Recipient::reserved)
        << int{recipient};
  }
}

TEST(UsbSetupPacket, ReservedRequestCodesAreNotStandardRequests) {
  for (const std::uint8_t code : {2, 4, 13, 14, 0x30, 0xFF}) {
    const SetupPacket packet =
        SetupPacket::parse(SetupBytes{0x00, code, 0, 0, 0, 0, 0, 0});
    EXPECT_EQ(packet.standard_request(), std::nullopt) << int{code};
    EXPECT_FALSE(packet.is_well_formed_standard_request()) << int{code};
  }
}

TEST(UsbSetupPacket, OnlyExactlyEightBytesParse) {
  const std::array<std::uint8_t, 9> bytes{0x00, 0x05, 0x07, 0, 0, 0, 0, 0, 0};
  const std::span<const std::uint8_t> all(bytes);
  EXPECT_EQ(SetupPacket::parse(all.first(0)), std::nullopt);
  EXPECT_EQ(SetupPacket::parse(all.first(7)), std::nullopt);
  EXPECT_EQ(SetupPacket::parse(all), std::nullopt);
  const std::optional<SetupPacket> packet = SetupPacket::parse(all.first(8));
  ASSERT_TRUE(packet.has_value());
  EXPECT_EQ(packet->standard_request(), StandardRequest::set_address);
  EXPECT_EQ(packet->value, 7);
}

/// One row of USB 2.0 table 9-3: a well-formed request and its decoding.
struct StandardCase {
  const char *name;
  SetupBytes bytes;
  StandardRequest request;
};

TEST(UsbSetupPacket, EveryStandardRequestInItsWellFormedShape) {
  const StandardCase cases[] = {
      {"GET_STATUS device",
       {0x80, 0, 0, 0, 0, 0, 2, 0},
       StandardRequest::get_status},
      {"GET_STATUS interface",
       {0x81, 0, 0, 0, 1, 0, 2, 0},
       StandardRequest::get_status},
      {"GET_STATUS endpoint IN 1",
       {0x82, 0, 0, 0, 0x81, 0, 2, 0},
       StandardRequest::get_status},
      {"CLEAR_FEATURE endpoint halt",
       {0x02, 1, 0, 0, 0x01, 0, 0, 0},
       StandardRequest::clear_feature},
      {"CLEAR_FEATURE remote wakeup",
       {0x00, 1, 1, 0, 0, 0, 0, 0},
       StandardRequest::clear_feature},
      {"SET_FEATURE remote wakeup",
       {0x00, 3, 1, 0, 0, 0, 0, 0},
       StandardRequest::set_feature},
      {"SET_FEATURE test mode (selector in wIndex high byte)",
       {0x00, 3, 2, 0, 0, 0x04, 0, 0},
       StandardRequest::set_feature},
      {"SET_ADDRESS 127",
       {0x00, 5, 127, 0, 0, 0, 0, 0},
       StandardRequest::set_address},
      {"GET_DESCRIPTOR device",
       {0x80, 6, 0, 1, 0, 0, 0x40, 0},
       StandardRequest::get_descriptor},
      {"GET_DESCRIPTOR HID report of interface 2",
       {0x81, 6, 0, 0x22, 2, 0, 63, 0},
       StandardRequest::get_descriptor},
      {"SET_DESCRIPTOR",
       {0x00, 7, 0, 1, 0, 0, 18, 0},
       StandardRequest::set_descriptor},
      {"GET_CONFIGURATION",
       {0x80, 8, 0, 0, 0, 0, 1, 0},
       StandardRequest::get_configuration},
      {"SET_CONFIGURATION 1",
       {0x00, 9, 1, 0, 0, 0, 0, 0},
       StandardRequest::set_configuration},
      {"GET_INTERFACE 2",
       {0x81, 10, 0, 0, 2, 0, 1, 0},
       StandardRequest::get_interface},
      {"SET_INTERFACE 2 alternate 1",
       {0x01, 11, 1, 0, 2, 0, 0, 0},
       StandardRequest::set_interface},
      {"SYNCH_FRAME IN 3",
       {0x82, 12, 0, 0, 0x83, 0, 2, 0},
       StandardRequest::synch_frame},
  };
  for (const StandardCase &test_case : cases) {
    const SetupPacket packet = SetupPacket::parse(test_case.bytes);
    EXPECT_EQ(packet.type(), RequestType::standard) << test_case.name;
    EXPECT_EQ(packet.standard_request(), test_case.request) << test_case.name;
    EXPECT_TRUE(packet.is_well_formed_standard_request()) << test_case.name;
  }
}

TEST(UsbSetupPacket, MalformedStandardRequestsAreRefused) {
  const std::pair<const char *, SetupBytes> cases[] = {
      {"GET_STATUS host to device", {0x00, 0, 0, 0, 0, 0, 2, 0}},
      {"GET_STATUS wLength 1", {0x80, 0, 0, 0, 0, 0, 1, 0}},
      {"GET_STATUS device with wIndex", {0x80, 0, 0, 0, 1, 0, 2, 0}},
      {"GET_STATUS wValue not zero", {0x80, 0, 1, 0, 0, 0, 2, 0}},
      {"GET_STATUS to other", {0x83, 0, 0, 0, 0, 0, 2, 0}},
      {"GET_STATUS endpoint with reserved bits",
       {0x82, 0, 0, 0, 0x11, 0, 2, 0}},
      {"GET_STATUS interface high byte", {0x81, 0, 0, 0, 1, 1, 2, 0}},
      {"CLEAR_FEATURE with data stage", {0x02, 1, 0, 0, 0x81, 0, 1, 0}},
      {"CLEAR_FEATURE device to host", {0x82, 1, 0, 0, 0x81, 0, 0, 0}},
      {"CLEAR_FEATURE test mode", {0x00, 1, 2, 0, 0, 0x04, 0, 0}},
      {"SET_FEATURE test mode low byte", {0x00, 3, 2, 0, 1, 0x04, 0, 0}},
      {"SET_FEATURE test mode to endpoint", {0x02, 3, 2, 0, 0, 0x04, 0, 0}},
      {"SET_ADDRESS 128", {0x00, 5, 128, 0, 0, 0, 0, 0}},
      {"SET_ADDRESS high byte", {0x00, 5, 1, 1, 0, 0, 0, 0}},
      {"SET_ADDRESS with wIndex", {0x00, 5, 1, 0, 1, 0, 0, 0}},
      {"SET_ADDRESS with wLength", {0x00, 5, 1, 0, 0, 0, 1, 0}},
      {"SET_ADDRESS to interface", {0x01, 5, 1, 0, 0, 0, 0, 0}},
      {"GET_DESCRIPTOR host to device", {0x00, 6, 0, 1, 0, 0, 18, 0}},
      {"GET_DESCRIPTOR to endpoint", {0x82, 6, 0, 1, 0, 0, 18, 0}},
      {"SET_DESCRIPTOR device to host", {0x80, 7, 0, 1, 0, 0, 18, 0}},
      {"GET_CONFIGURATION wLength 2", {0x80, 8, 0, 0, 0, 0, 2, 0}},
      {"GET_CONFIGURATION host to device", {0x00, 8, 0, 0, 0, 0, 1, 0}},
      {"SET_CONFIGURATION high byte", {0x00, 9, 1, 1, 0, 0, 0, 0}},
      {"SET_CONFIGURATION with wLength", {0x00, 9, 1, 0, 0, 0, 1, 0}},
      {"GET_INTERFACE to device", {0x80, 10, 0, 0, 0, 0, 1, 0}},
      {"GET_INTERFACE wLength 0", {0x81, 10, 0, 0, 0, 0, 0, 0}},
      {"SET_INTERFACE alternate high byte", {0x01, 11, 0, 1, 0, 0, 0, 0}},
      {"SET_INTERFACE device to host", {0x81, 11, 0, 0, 0, 0, 0, 0}},
      {"SYNCH_FRAME to interface", {0x81, 12, 0, 0, 0, 0, 2, 0}},
      {"SYNCH_FRAME wLength 0", {0x82, 12, 0, 0, 0x83, 0, 0, 0}},
      {"reserved type", {0xE0, 6, 0, 1, 0, 0, 18, 0}},
      {"reserved recipient", {0x84, 6, 0, 1, 0, 0, 18, 0}},
  };
  for (const auto &[name, bytes] : cases) {
    EXPECT_FALSE(SetupPacket::parse(bytes).is_well_formed_standard_request())
        << name;
  }
}

// Parsing is constexpr: a request can be decoded at compile time.
static_assert(SetupPacket::parse(SetupBytes{0x80, 6, 0, 1, 0, 0, 64, 0})
                  .standard_request() == StandardRequest::get_descriptor);
static_assert(SetupPacket::parse(SetupBytes{0x80, 6, 0, 1, 0, 0, 64, 0})
                  .descriptor_type() ==
              static_cast<std::uint8_t>(DescriptorType::device));

} // namespace
