/// Tests of the app image header's parser: valid headers, and every way a
/// header can be wrong.
#include "kernel/process/app_header.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace {

using kernel::process::AppHeaderError;
using kernel::process::AppHeaderResult;
using kernel::process::AppRegionEntry;
using kernel::process::parse_app_header;
using Bytes = std::vector<std::uint8_t>;

/// Where the images under test start in flash.
constexpr std::uint32_t image_address = 0x00200000;

void put_u16(Bytes &bytes, std::uint16_t value) {
  bytes.push_back(static_cast<std::uint8_t>(value));
  bytes.push_back(static_cast<std::uint8_t>(value >> 8));
}

void put_u32(Bytes &bytes, std::uint32_t value) {
  for (int shift = 0; shift < 32; shift += 8) {
    bytes.push_back(static_cast<std::uint8_t>(value >> shift));
  }
}

std::uint32_t get_u32(const Bytes &bytes, std::size_t offset) {
  return static_cast<std::uint32_t>(bytes[offset] | (bytes[offset + 1] << 8) |
                                    (bytes[offset + 2] << 16) |
                                    (bytes[offset + 3] << 24));
}

/// A TLV with `length` in its length field and `value` (padded to 4) after.
Bytes tlv(std::uint16_t type, std::uint16_t length, const Bytes &value) {
  Bytes bytes;
  put_u16(bytes, type);
  put_u16(bytes, length);
  bytes.insert(bytes.end(), value.begin(), value.end());
  bytes.resize((bytes.size() + 3) & ~std::size_t{3}, 0);
  return bytes;
}

Bytes main_tlv(std::uint32_t init_offset, std::uint32_t trailer = 0,
               std::uint32_t ram = 4096) {
  Bytes value;
  put_u32(value, init_offset);
  put_u32(value, trailer);
  put_u32(value, ram);
  return tlv(1, 12, value);
}

Bytes name_tlv(std::string_view name) {
  return tlv(3, static_cast<std::uint16_t>(name.size()),
             Bytes(name.begin(), name.end()));
}

Bytes fixed_tlv(std::uint32_t ram, std::uint32_t flash) {
  Bytes value;
  put_u32(value, ram);
  put_u32(value, flash);
  return tlv(5, 8, value);
}

/// An image: a header from these fields and TLVs, its checksum computed
/// (unless told not to), then zeros up to total_size.
struct Image {
  std::uint16_t version = 2;
  std::optional<std::uint16_t> header_size; // Default: what the TLVs take.
  std::uint32_t total_size = 1024;
  std::uint32_t flags = 1;
  std::vector<Bytes> tlvs;

  [[nodiscard]] Bytes build() const {
    Bytes body;
    for (const Bytes &element : tlvs) {
      body.insert(body.end(), element.begin(), element.end());
    }
    Bytes bytes;
    put_u16(bytes, version);
    put_u16(bytes,
            header_size.value_or(static_cast<std::uint16_t>(16 + body.size())));
    put_u32(bytes, total_size);
    put_u32(bytes, flags);
    put_u32(bytes, 0);
    bytes.insert(bytes.end(), body.begin(), body.end());
    const std::size_t checked =
        std::min<std::size_t>(bytes.size(), header_size.value_or(0xFFFF));
    std::uint32_t checksum = 0;
    for (std::size_t offset = 0; offset + 4 <= checked; offset += 4) {
      checksum ^= get_u32(bytes, offset);
    }
    for (int shift = 0; shift < 32; shift += 8) {
      bytes[12 + shift / 8] = static_cast<std::uint8_t>(checksum >> shift);
    }
    if (bytes.size() < total_size) {
      bytes.resize(total_size, 0);
    }
    return bytes;
  }
};

/// A complete app: Main, PackageName, FixedAddresses, its code at 0x80.
Image full_image() {
  Image image;
  image.tlvs = {main_tlv(0x81, 0, 4096), name_tlv("blink"),
                fixed_tlv(0x20300000, image_address)};
  return image;
}

AppHeaderResult parse(const Bytes &bytes) {
  return parse_app_header(bytes, image_address);
}

/// The error of an invalid header (and a test failure if it is not one).
AppHeaderError error_of(const Bytes &bytes) {
  const AppHeaderResult result = parse(bytes);
  EXPECT_EQ(result.entry, AppRegionEntry::invalid);
  return result.error;
}

TEST(AppHeader, FullHeaderParses) {
  const Bytes bytes = full_image().build();
  const AppHeaderResult result = parse(bytes);
  ASSERT_TRUE(result.is_app()) << describe(result.error);
  EXPECT_EQ(result.error, AppHeaderError::none);
  EXPECT_EQ(result.header.version, 2);
  EXPECT_EQ(result.header.header_size, 16 + 16 + 12 + 12);
  EXPECT_EQ(result.header.total_size, 1024U);
  EXPECT_TRUE(result.header.is_enabled());
  EXPECT_FALSE(result.header.is_sticky());
  EXPECT_EQ(result.header.init_offset, 0x81U);
  EXPECT_EQ(result.header.minimum_ram_size, 4096U);
  EXPECT_EQ(result.header.name, "blink");
  // The name is a view into the region, not a copy.
  EXPECT_EQ(static_cast<const void *>(result.header.name.data()),
            static_cast<const void *>(bytes.data() + 36));
  ASSERT_TRUE(result.header.has_fixed_addresses);
  EXPECT_EQ(result.header.fixed_addresses.ram, 0x20300000U);
  EXPECT_EQ(result.header.fixed_addresses.flash, image_address);
}

TEST(AppHeader, MainAloneParses) {
  Image image;
  image.flags = 3;
  image.tlvs = {main_tlv(0x21)};
  const AppHeaderResult result = parse(image.build());
  ASSERT_TRUE(result.is_app()) << describe(result.error);
  EXPECT_TRUE(result.header.is_sticky());
  EXPECT_TRUE(result.header.name.empty());
  EXPECT_FALSE(result.header.has_fixed_addresses);
}

TEST(AppHeader, DisabledAppParses) {
  Image image = full_image();
  image.flags = 0;
  const AppHeaderResult result = parse(image.build());
  ASSERT_TRUE(result.is_app());
  EXPECT_FALSE(result.header.is_enabled());
}

TEST(AppHeader, UnknownTlvsAreSkipped) {
  Image image = full_image();
  image.tlvs.insert(image.tlvs.begin(), tlv(0x42, 5, {1, 2, 3, 4, 5}));
  image.tlvs.push_back(tlv(2, 0, {})); // Known to Tock, not to this parser.
  const AppHeaderResult result = parse(image.build());
  ASSERT_TRUE(result.is_app()) << describe(result.error);
  EXPECT_EQ(result.header.name, "blink");
}

TEST(AppHeader, AnyFixedFlashAddressMatches) {
  Image image;
  image.tlvs = {main_tlv(0x81), fixed_tlv(0xFFFFFFFF, 0xFFFFFFFF)};
  EXPECT_TRUE(parse(image.build()).is_app());
}

TEST(AppHeader, LastInstructionMayEndTheImage) {
  Image image;
  image.tlvs = {main_tlv(1024 - 1)};
  EXPECT_TRUE(parse(image.build()).is_app());
}

TEST(AppHeader, PaddingIsRecognised) {
  Image image;
  image.flags = 0;
  image.total_size = 4096;
  const AppHeaderResult result = parse(image.build());
  EXPECT_EQ(result.entry, AppRegionEntry::padding);
  EXPECT_EQ(result.header.total_size, 4096U);
}

TEST(AppHeader, ErasedOrZeroFlashEndsTheApps) {
  for (const std::uint8_t fill : {0xFF, 0x00}) {
    Bytes bytes(64, fill);
    bytes[20] = 0x12; // What follows the first word does not matter.
    EXPECT_EQ(parse(bytes).entry, AppRegionEntry::end_of_apps);
  }
  EXPECT_EQ(parse(Bytes{0xFF, 0xFF, 0xFF, 0xFF}).entry,
            AppRegionEntry::end_of_apps);
  EXPECT_EQ(parse(Bytes{}).entry, AppRegionEntry::end_of_apps);
}

TEST(AppHeader, TruncatedAtEveryLength) {
  const Bytes bytes = full_image().build();
  const std::size_t header_size = 16 + 16 + 12 + 12;
  for (std::size_t length = 1; length < bytes.size(); ++length) {
    const Bytes prefix(bytes.begin(),
                       bytes.begin() + static_cast<std::ptrdiff_t>(length));
    const AppHeaderError expected =
        length < 16            ? AppHeaderError::region_too_short
        : length < header_size ? AppHeaderError::header_truncated
                               : AppHeaderError::image_truncated;
    EXPECT_EQ(error_of(prefix), expected) << "length " << length;
  }
}

TEST(AppHeader, BadVersion) {
  for (const std::uint16_t version : {1, 3, 0xFFFF}) {
    Image image = full_image();
    image.version = version;
    EXPECT_EQ(error_of(image.build()), AppHeaderError::unsupported_version);
  }
}

TEST(AppHeader, BadHeaderSize) {
  for (const std::uint16_t size : {0, 12, 15, 58}) {
    Image image = full_image();
    image.header_size = size;
    EXPECT_EQ(error_of(image.build()), AppHeaderError::header_size_invalid)
        << size;
  }
}

TEST(AppHeader, BadTotalSize) {
  Image image = full_image();
  image.total_size = 1022;
  EXPECT_EQ(error_of(image.build()), AppHeaderError::total_size_invalid);
  image.total_size = 52; // Below header_size (56).
  EXPECT_EQ(error_of(image.build()), AppHeaderError::total_size_invalid);
}

TEST(AppHeader, ReservedFlags) {
  Image image = full_image();
  image.flags = 1U << 2;
  EXPECT_EQ(error_of(image.build()), AppHeaderError::reserved_flags_set);
}

TEST(AppHeader, EveryFlippedBitAfterTheSizesFailsTheChecksum) {
  const Bytes good = full_image().build();
  for (std::size_t bit = 8 * 8; bit < 56 * 8; ++bit) {
    Bytes bytes = good;
    bytes[bit / 8] ^= static_cast<std::uint8_t>(1U << (bit % 8));
    EXPECT_EQ(error_of(bytes), AppHeaderError::checksum_mismatch) << bit;
  }
}

TEST(AppHeader, TlvOverrunningTheHeader) {
  Image image;
  image.tlvs = {main_tlv(0x81), tlv(0x42, 200, {})};
  EXPECT_EQ(error_of(image.build()), AppHeaderError::tlv_overruns_header);
  // A 5-byte name takes 8 bytes with its padding; the header ends after 4.
  Image cut;
  cut.tlvs = {main_tlv(0x81), name_tlv("abcde")};
  cut.header_size = 16 + 16 + 4 + 4;
  EXPECT_EQ(error_of(cut.build()), AppHeaderError::tlv_overruns_header);
}

TEST(AppHeader, WrongTlvLengths) {
  const std::vector<Bytes> wrong = {tlv(1, 8, Bytes(8, 0)),
                                    tlv(1, 16, Bytes(16, 0)),
                                    tlv(5, 4, Bytes(4, 0)), tlv(3, 0, {})};
  for (const Bytes &element : wrong) {
    Image image;
    image.tlvs = {element, main_tlv(0x81)};
    EXPECT_EQ(error_of(image.build()), AppHeaderError::tlv_length_invalid);
  }
}

TEST(AppHeader, DuplicatedTlvs) {
  const std::vector<Bytes> twice = {main_tlv(0x81), name_tlv("a"),
                                    fixed_tlv(0, image_address)};
  for (const Bytes &element : twice) {
    Image image = full_image();
    image.tlvs.push_back(element);
    EXPECT_EQ(error_of(image.build()), AppHeaderError::tlv_duplicated);
  }
}

TEST(AppHeader, MainMissing) {
  Image named;
  named.tlvs = {name_tlv("nomain")};
  EXPECT_EQ(error_of(named.build()), AppHeaderError::main_missing);
  named.flags = 0; // A TLV makes it more than padding.
  EXPECT_EQ(error_of(named.build()), AppHeaderError::main_missing);
  Image bare; // No TLVs but enabled: not padding.
  EXPECT_EQ(error_of(bare.build()), AppHeaderError::main_missing);
}

TEST(AppHeader, ProtectedTrailer) {
  Image image;
  image.tlvs = {main_tlv(0x81, 16)};
  EXPECT_EQ(error_of(image.build()),
            AppHeaderError::protected_trailer_unsupported);
}

TEST(AppHeader, InitOffsetNotThumb) {
  Image image;
  image.tlvs = {main_tlv(0x80)};
  EXPECT_EQ(error_of(image.build()), AppHeaderError::init_offset_not_thumb);
}

TEST(AppHeader, InitOffsetOutsideTheBinary) {
  // In the header; past the end; the last byte only; wrapping around.
  for (const std::uint32_t offset :
       {0x1U, 0x1DU, 1025U, 1024U + 0x81U, 0xFFFFFFFFU}) {
    Image image;
    image.tlvs = {main_tlv(offset)};
    EXPECT_EQ(error_of(image.build()),
              AppHeaderError::init_offset_outside_binary)
        << offset;
  }
}

TEST(AppHeader, NameTooLong) {
  Image image;
  image.tlvs = {main_tlv(0x81), name_tlv(std::string(32, 'n'))};
  EXPECT_TRUE(parse(image.build()).is_app());
  image.tlvs = {main_tlv(0x81), name_tlv(std::string(33, 'n'))};
  EXPECT_EQ(error_of(image.build()), AppHeaderError::name_too_long);
}

TEST(AppHeader, NameNotUtf8) {
  const std::vector<std::string> invalid = {
      "\x80",             // A continuation byte first.
      "ab\xC3",           // Truncated two-byte sequence.
      "\xE2\x82",         // Truncated three-byte sequence.
      "\xC0\x80",         // Overlong NUL.
      "\xE0\x80\xAF",     // Overlong '/'.
      "\xED\xA0\x80",     // A UTF-16 surrogate.
      "\xF4\x90\x80\x80", // Above U+10FFFF.
      "\xFF",             // Never in UTF-8.
      "\xC3\x28",         // Continuation byte missing.
  };
  for (const std::string &name : invalid) {
    Image image;
    image.tlvs = {main_tlv(0x81), name_tlv(name)};
    EXPECT_EQ(error_of(image.build()), AppHeaderError::name_not_utf8);
  }
  for (const std::string name :
       {"h\xC3\xA9llo", "\xE6\x97\xA5\xE6\x9C\xAC", "\xF0\x9F\x92\xA1"}) {
    Image image;
    image.tlvs = {main_tlv(0x81), name_tlv(name)};
    const AppHeaderResult result = parse(image.build());
    ASSERT_TRUE(result.is_app()) << name;
    EXPECT_EQ(result.header.name, name);
  }
}

TEST(AppHeader, FixedFlashAddressMismatch) {
  Image image;
  image.tlvs = {main_tlv(0x81), fixed_tlv(0x20300000, image_address + 0x400)};
  EXPECT_EQ(error_of(image.build()), AppHeaderError::fixed_flash_mismatch);
  // The same image, parsed where it was linked to be, is fine.
  EXPECT_TRUE(parse_app_header(image.build(), image_address + 0x400).is_app());
}

TEST(AppHeader, EveryErrorHasADistinctNameAndDescription) {
  std::set<std::string> names;
  std::set<std::string> descriptions;
  const auto last = static_cast<int>(AppHeaderError::fixed_flash_mismatch);
  for (int value = 0; value <= last; ++value) {
    const auto error = static_cast<AppHeaderError>(value);
    names.insert(name(error));
    descriptions.insert(describe(error));
  }
  EXPECT_EQ(names.size(), static_cast<std::size_t>(last + 1));
  EXPECT_EQ(descriptions.size(), static_cast<std::size_t>(last + 1));
  EXPECT_EQ(names.count("unknown"), 0U);
  EXPECT_STREQ(describe(AppHeaderError::checksum_mismatch),
               "checksum mismatch");
}

} // namespace
