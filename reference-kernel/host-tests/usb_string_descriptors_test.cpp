/// Tests of string descriptors: languages, UTF-16LE, truncation.
#include "capsules/usb/standard_configurations.h"
#include "capsules/usb/string_descriptors.h"

#include <gtest/gtest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace {

using namespace capsules::usb;

/// Strings that exercise the converter: ASCII, two-, three- and four-byte
/// UTF-8, ill-formed UTF-8, and an empty string.
constexpr std::array<std::string_view, 5> test_strings{
    "Ab",
    "\xC3\xA9\xE2\x82\xAC", // U+00E9 (e acute), U+20AC (euro sign)
    "\xF0\x9F\x94\x8C",     // U+1F50C (electric plug): a surrogate pair
    "a\x80"
    "b\xE2\x82", // stray continuation, truncated sequence
    "",
};
constexpr StringDescriptors test_descriptors{test_strings};

/// Descriptor `index` written into a buffer of `capacity` bytes, as the
/// bytes the device would send; nothing for a stall.
std::optional<std::vector<std::uint8_t>> answer(const StringDescriptors &table,
                                                std::uint8_t index,
                                                std::size_t capacity) {
  std::array<std::uint8_t, 256> buffer{};
  buffer.fill(0xAA);
  const std::optional<std::size_t> written = table.write_string_descriptor(
      index, std::span<std::uint8_t>(buffer).first(capacity));
  if (!written.has_value()) {
    return std::nullopt;
  }
  // Nothing past what was reported written may change.
  for (std::size_t position = *written; position < buffer.size(); ++position) {
    EXPECT_EQ(buffer[position], 0xAA) << "at " << position;
  }
  return std::vector<std::uint8_t>(
      buffer.begin(), buffer.begin() + static_cast<long>(*written));
}

using Bytes = std::vector<std::uint8_t>;

TEST(UsbStringDescriptors, IndexZeroListsEnglishUnitedStates) {
  EXPECT_EQ(answer(test_descriptors, 0, 255),
            (Bytes{4,             // bLength
                   0x03,          // bDescriptorType: STRING
                   0x09, 0x04})); // wLANGID[0]: 0x0409
}

TEST(UsbStringDescriptors, AsciiBecomesUtf16LittleEndian) {
  EXPECT_EQ(answer(test_descriptors, 1, 255), (Bytes{6, 0x03, 'A', 0, 'b', 0}));
}

TEST(UsbStringDescriptors, MultiByteUtf8AndSurrogatePairs) {
  EXPECT_EQ(answer(test_descriptors, 2, 255),
            (Bytes{6, 0x03, 0xE9, 0x00, 0xAC, 0x20}));
  // U+1F50C = D83D DD0C in UTF-16.
  EXPECT_EQ(answer(test_descriptors, 3, 255),
            (Bytes{6, 0x03, 0x3D, 0xD8, 0x0C, 0xDD}));
}

TEST(UsbStringDescriptors, IllFormedUtf8BecomesReplacementCharacters) {
  // 'a', U+FFFD for 0x80, 'b', U+FFFD for the truncated E2, U+FFFD for the
  // lone 82.
  EXPECT_EQ(
      answer(test_descriptors, 4, 255),
      (Bytes{12, 0x03, 'a', 0, 0xFD, 0xFF, 'b', 0, 0xFD, 0xFF, 0xFD, 0xFF}));
}

TEST(UsbStringDescriptors, EmptyStringIsJustTheHeader) {
  EXPECT_EQ(answer(test_descriptors, 5, 255), (Bytes{2, 0x03}));
}

TEST(UsbStringDescriptors, ShortBufferTruncatesButBLengthStaysFull) {
  // A host's first request is often wLength 2: it learns bLength from it.
  EXPECT_EQ(answer(test_descriptors, 1, 2), (Bytes{6, 0x03}));
  EXPECT_EQ(answer(test_descriptors, 1, 1), (Bytes{6}));
  EXPECT_EQ(answer(test_descriptors, 1, 0), (Bytes{}));
  // An odd length cuts a code unit in half, as the wire would.
  EXPECT_EQ(answer(test_descriptors, 1, 3), (Bytes{6, 0x03, 'A'}));
  EXPECT_EQ(answer(test_descriptors, 3, 5), (Bytes{6, 0x03, 0x3D, 0xD8, 0x0C}));
  EXPECT_EQ(answer(test_descriptors, 0, 3), (Bytes{4, 0x03, 0x09}));
  // A buffer larger than the descriptor gets just the descriptor.
  EXPECT_EQ(answer(test_descriptors, 1, 7)->size(), 6U);
}

TEST(UsbStringDescriptors, UnknownIndexStalls) {
  EXPECT_EQ(answer(test_descriptors, 6, 255), std::nullopt);
  EXPECT_EQ(answer(test_descriptors, 255, 255), std::nullopt);
  EXPECT_EQ(test_descriptors.descriptor_length(6), std::nullopt);
}

TEST(UsbStringDescriptors, StandardStringsMatchTheirDescriptorLengths) {
  const StringDescriptors &table = standard::string_descriptors;
  for (std::uint8_t index = 0; index <= table.count(); ++index) {
    const auto bytes = answer(table, index, 255);
    ASSERT_TRUE(bytes.has_value());
    ASSERT_GE(bytes->size(), 2U);
    EXPECT_EQ(bytes->size(), (*bytes)[0]);
    EXPECT_EQ(table.descriptor_length(index), bytes->size());
  }
  EXPECT_EQ(answer(table, standard::string_index::manufacturer, 255),
            (Bytes{12, 0x03, 'l', 0, 'e', 0, 'a', 0, 's', 0, 'h', 0}));
}

TEST(UsbStringDescriptors, LongestStringFitsAByte) {
  // 126 units: 254 bytes, the most a one-byte bLength can carry in whole
  // code units.
  static constexpr std::array<std::string_view, 1> longest{
      "0123456789012345678901234567890123456789012345678901234567890123456789"
      "01234567890123456789012345678901234567890123456789012345"};
  static_assert(longest[0].size() == string_descriptor_max_units);
  constexpr StringDescriptors table{longest};
  const auto bytes = answer(table, 1, 255);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size(), 254U);
  EXPECT_EQ((*bytes)[0], 254);
}

// The converter is constexpr, so lengths are known at compile time.
static_assert(utf16_length("") == 0);
static_assert(utf16_length("leash") == 5);
static_assert(utf16_length("\xF0\x9F\x94\x8C") == 2);
static_assert(string_descriptor_length("Ab") == 6);
// An overlong encoding of '/' (C0 AF) is two replacement characters.
static_assert(utf16_length("\xC0\xAF") == 2);
// An encoded surrogate (ED A0 80) is refused byte by byte.
static_assert(utf16_length("\xED\xA0\x80") == 3);

TEST(UsbStringDescriptors, PiecesFromAnOffsetMakeTheWholeDescriptor) {
  // The control endpoint asks for a descriptor a packet at a time; any cut,
  // even inside a surrogate pair, joins up into the whole.
  for (std::uint8_t index = 0; index <= test_strings.size(); ++index) {
    const std::optional<Bytes> whole = answer(test_descriptors, index, 255);
    ASSERT_TRUE(whole.has_value());
    for (std::size_t piece = 1; piece <= 4; ++piece) {
      Bytes joined;
      for (std::size_t offset = 0;; offset += piece) {
        std::array<std::uint8_t, 4> buffer{};
        const std::size_t written =
            test_descriptors
                .write_string_descriptor(
                    index, offset, std::span<std::uint8_t>(buffer).first(piece))
                .value_or(0);
        joined.insert(joined.end(), buffer.begin(), buffer.begin() + written);
        if (written < piece) {
          break;
        }
      }
      EXPECT_EQ(joined, *whole) << "index " << int{index} << " piece " << piece;
    }
  }
  std::array<std::uint8_t, 4> buffer{};
  EXPECT_FALSE(test_descriptors.write_string_descriptor(9, 2, buffer));
}

} // namespace
