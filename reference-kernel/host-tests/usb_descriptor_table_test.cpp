/// Tests of GET_DESCRIPTOR answers: cut to wLength, or a stall.
#include "capsules/usb/standard_configurations.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <random>
#include <span>
#include <vector>

namespace {

using namespace capsules::usb;

using Bytes = std::vector<std::uint8_t>;

/// A GET_DESCRIPTOR from the host: device to host, standard, device.
SetupPacket get_descriptor(std::uint8_t type, std::uint8_t index,
                           std::uint16_t length, std::uint16_t language = 0) {
  return SetupPacket{.request_type_bits = 0x80,
                     .request_code = 6,
                     .value = static_cast<std::uint16_t>((type << 8U) | index),
                     .index = language,
                     .length = length};
}

/// The bytes the composite device sends for `request`, from a buffer of
/// `capacity` bytes; nothing for a stall.
std::optional<Bytes> answer(const SetupPacket &request,
                            std::size_t capacity = 256) {
  std::array<std::uint8_t, 256> buffer{};
  const std::optional<std::size_t> sent =
      standard::composite_descriptor_table.answer_get_descriptor(
          request, std::span<std::uint8_t>(buffer).first(capacity));
  if (!sent.has_value()) {
    return std::nullopt;
  }
  return Bytes(buffer.begin(), buffer.begin() + static_cast<long>(*sent));
}

/// `array` as a vector.
template <std::size_t length>
Bytes bytes_of(const std::array<std::uint8_t, length> &array) {
  return {array.begin(), array.end()};
}

TEST(UsbDescriptorTable, DeviceDescriptorWhole) {
  EXPECT_EQ(answer(get_descriptor(0x01, 0, 64)),
            bytes_of(standard::composite_device.device));
}

TEST(UsbDescriptorTable, DeviceDescriptorCutToWLength) {
  // Windows' first request: eight bytes, to learn bMaxPacketSize0.
  const std::optional<Bytes> first_eight = answer(get_descriptor(0x01, 0, 8));
  ASSERT_TRUE(first_eight.has_value());
  EXPECT_EQ(*first_eight, Bytes(standard::composite_device.device.begin(),
                                standard::composite_device.device.begin() + 8));
}

TEST(UsbDescriptorTable, ConfigurationHeaderThenWhole) {
  // Hosts read the nine-byte header for wTotalLength, then all of it.
  const std::optional<Bytes> header = answer(get_descriptor(0x02, 0, 9));
  ASSERT_TRUE(header.has_value());
  ASSERT_EQ(header->size(), 9U);
  const std::uint16_t total_length =
      static_cast<std::uint16_t>((*header)[2] | ((*header)[3] << 8U));
  EXPECT_EQ(answer(get_descriptor(0x02, 0, total_length)),
            bytes_of(standard::composite_device.configuration));
  // A wLength beyond the descriptor gets the descriptor.
  EXPECT_EQ(answer(get_descriptor(0x02, 0, 0xFFFF))->size(), total_length);
}

TEST(UsbDescriptorTable, OutputBufferAlsoBoundsTheAnswer) {
  EXPECT_EQ(answer(get_descriptor(0x02, 0, 0xFFFF), 16)->size(), 16U);
}

TEST(UsbDescriptorTable, StringsByIndex) {
  EXPECT_EQ(answer(get_descriptor(0x03, 0, 255)), (Bytes{4, 0x03, 0x09, 0x04}));
  EXPECT_EQ(answer(get_descriptor(0x03, standard::string_index::manufacturer,
                                  255, 0x0409)),
            (Bytes{12, 0x03, 'l', 0, 'e', 0, 'a', 0, 's', 0, 'h', 0}));
  EXPECT_EQ(answer(get_descriptor(0x03, standard::string_index::manufacturer, 2,
                                  0x0409)),
            (Bytes{12, 0x03}));
}

TEST(UsbDescriptorTable, StallsWhatAFullSpeedDeviceWithOneConfigurationLacks) {
  EXPECT_EQ(answer(get_descriptor(0x06, 0, 10)), std::nullopt)
      << "device qualifier";
  EXPECT_EQ(answer(get_descriptor(0x07, 0, 9)), std::nullopt)
      << "other speed configuration";
  EXPECT_EQ(answer(get_descriptor(0x02, 1, 9)), std::nullopt)
      << "configuration index 1";
  EXPECT_EQ(answer(get_descriptor(0x01, 1, 18)), std::nullopt)
      << "device index 1";
  EXPECT_EQ(answer(get_descriptor(0x03, 6, 255)), std::nullopt)
      << "string past the table";
  EXPECT_EQ(answer(get_descriptor(0x0F, 0, 5)), std::nullopt) << "BOS";
  EXPECT_EQ(answer(get_descriptor(0x22, 0, 63)), std::nullopt)
      << "HID report descriptor asked of the device";
}

TEST(UsbDescriptorTable, StallsWhatIsNotAStandardGetDescriptor) {
  // Well formed, but the interface's class driver answers it.
  SetupPacket to_interface = get_descriptor(0x22, 0, 63);
  to_interface.request_type_bits = 0x81;
  to_interface.index = 2;
  ASSERT_TRUE(to_interface.is_well_formed_standard_request());
  EXPECT_EQ(answer(to_interface), std::nullopt);
  SetupPacket class_request = get_descriptor(0x01, 0, 18);
  class_request.request_type_bits = 0xA0;
  EXPECT_EQ(answer(class_request), std::nullopt);
  SetupPacket set_descriptor = get_descriptor(0x01, 0, 18);
  set_descriptor.request_type_bits = 0x00;
  set_descriptor.request_code = 7;
  EXPECT_EQ(answer(set_descriptor), std::nullopt);
}

TEST(UsbDescriptorTable, ZeroWLengthSendsNothing) {
  EXPECT_EQ(answer(get_descriptor(0x01, 0, 0)), Bytes{});
}

TEST(UsbDescriptorTable, AnyEightBytesGetAStallOrAnAnswerThatFits) {
  // A fixed seed: the same packets on every run.
  std::mt19937 random(20261205);
  std::size_t answered = 0;
  for (int round = 0; round < 100000; ++round) {
    std::array<std::uint8_t, setup_packet_size> bytes{};
    for (std::uint8_t &byte : bytes) {
      byte = static_cast<std::uint8_t>(random());
    }
    if (round % 2 == 0) {
      // Half of them GET_DESCRIPTOR with small types and indices, to reach
      // the answering paths and not only the refusals.
      bytes[0] = 0x80;
      bytes[1] = 6;
      bytes[2] = static_cast<std::uint8_t>(random() % 8);
      bytes[3] = static_cast<std::uint8_t>(random() % 8);
    }
    const SetupPacket packet = SetupPacket::parse(bytes);
    std::array<std::uint8_t, 300> buffer{};
    buffer.fill(0xAA);
    const std::size_t capacity = random() % buffer.size();
    const std::optional<std::size_t> sent =
        standard::composite_descriptor_table.answer_get_descriptor(
            packet, std::span<std::uint8_t>(buffer).first(capacity));
    if (!sent.has_value()) {
      continue;
    }
    ++answered;
    ASSERT_LE(*sent, std::min<std::size_t>(capacity, packet.length));
    for (std::size_t position = *sent; position < buffer.size(); ++position) {
      ASSERT_EQ(buffer[position], 0xAA);
    }
    std::span<const std::uint8_t> source;
    if (packet.descriptor_type() == 0x01) {
      source = standard::composite_device.device;
    } else if (packet.descriptor_type() == 0x02) {
      source = standard::composite_device.configuration;
    }
    for (std::size_t position = 0; position < std::min(*sent, source.size());
         ++position) {
      ASSERT_EQ(buffer[position], source[position]);
    }
  }
  EXPECT_GT(answered, 1000U);
}

TEST(UsbDescriptorTable, PacketsFromAnOffsetMakeTheWholeAnswer) {
  const DescriptorTable &table = standard::composite_descriptor_table;
  for (const SetupPacket &request :
       {get_descriptor(1, 0, 255), get_descriptor(2, 0, 255),
        get_descriptor(2, 0, 70), get_descriptor(3, 4, 255, 0x0409),
        get_descriptor(3, 4, 9, 0x0409)}) {
    const std::optional<Bytes> whole = answer(request);
    ASSERT_TRUE(whole.has_value());
    Bytes joined;
    for (std::size_t offset = 0;; offset += 64) {
      std::array<std::uint8_t, 64> packet{};
      const std::size_t written =
          table.answer_get_descriptor(request, offset, packet).value_or(0);
      joined.insert(joined.end(), packet.begin(), packet.begin() + written);
      if (written < packet.size()) {
        break;
      }
    }
    EXPECT_EQ(joined, *whole);
  }
  // Past the end: nothing more, but still an answer.
  std::array<std::uint8_t, 64> packet{};
  EXPECT_EQ(table.answer_get_descriptor(get_descriptor(1, 0, 255), 18, packet),
            std::optional<std::size_t>{0});
  EXPECT_FALSE(
      table.answer_get_descriptor(get_descriptor(6, 0, 10), 0, packet));
}

} // namespace
