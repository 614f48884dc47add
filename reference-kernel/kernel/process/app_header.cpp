/// The application image header's parser: every field checked before use.
#include "kernel/process/app_header.h"

#include <leash/annotations.h>

namespace kernel::process {
namespace {

/// The first word of erased flash, which ends the list of apps.
constexpr std::uint32_t erased_word = 0xFFFFFFFFU;
/// A FixedAddresses value that means "any address" (Tock's convention).
constexpr std::uint32_t any_address = 0xFFFFFFFFU;
/// The offset of the checksum word in the header.
constexpr std::size_t checksum_offset = 12;
/// The size of a TLV's type and length.
constexpr std::uint32_t tlv_header_size = 4;
/// The value sizes of the fixed-size TLVs.
constexpr std::uint32_t main_tlv_size = 12;
constexpr std::uint32_t fixed_addresses_tlv_size = 8;
/// The flag bits that mean something; the rest must be 0.
constexpr std::uint32_t known_flags = app_flag_enabled | app_flag_sticky;

// Little-endian reads. Callers check `offset + size <= bytes.size()` first;
// the span's index operator is then always in bounds.

std::uint16_t read_u16(std::span<const std::uint8_t> bytes,
                       std::size_t offset) {
  return static_cast<std::uint16_t>(bytes[offset] | (bytes[offset + 1] << 8));
}

std::uint32_t read_u32(std::span<const std::uint8_t> bytes,
                       std::size_t offset) {
  return static_cast<std::uint32_t>(bytes[offset]) |
         (static_cast<std::uint32_t>(bytes[offset + 1]) << 8) |
         (static_cast<std::uint32_t>(bytes[offset + 2]) << 16) |
         (static_cast<std::uint32_t>(bytes[offset + 3]) << 24);
}

/// The XOR of the header's words, the checksum word counted as 0.
std::uint32_t header_checksum(std::span<const std::uint8_t> header) {
  std::uint32_t checksum = 0;
  for (std::size_t offset = 0; offset + 4 <= header.size(); offset += 4) {
    if (offset != checksum_offset) {
      checksum ^= read_u32(header, offset);
    }
  }
  return checksum;
}

/// The name's bytes as text. The bytes stay in the region, which outlives
/// every header parsed from it (it is flash).
LEASH_UNSAFE("char may alias any object; the bytes were checked as UTF-8 "
             "and the view keeps their bounds")
std::string_view as_text(std::span<const std::uint8_t> bytes) {
  return {reinterpret_cast<const char *>(bytes.data()), bytes.size()};
}

/// An invalid result.
AppHeaderResult invalid(AppHeaderError error) {
  return {AppRegionEntry::invalid, error, {}};
}

/// What the TLV walk found.
struct TlvContents {
  bool has_main = false;
  bool has_name = false;
  std::uint32_t protected_trailer_size = 0;
  std::uint32_t tlv_count = 0;
};

/// Reads one known TLV's value into `header` and `found`.
AppHeaderError read_tlv(AppTlvType type, std::span<const std::uint8_t> value,
                        AppHeader &header, TlvContents &found) {
  switch (type) {
  case AppTlvType::main:
    if (found.has_main) {
      return AppHeaderError::tlv_duplicated;
    }
    if (value.size() != main_tlv_size) {
      return AppHeaderError::tlv_length_invalid;
    }
    found.has_main = true;
    header.init_offset = read_u32(value, 0);
    found.protected_trailer_size = read_u32(value, 4);
    header.minimum_ram_size = read_u32(value, 8);
    return AppHeaderError::none;
  case AppTlvType::package_name:
    if (found.has_name) {
      return AppHeaderError::tlv_duplicated;
    }
    if (value.empty()) {
      return AppHeaderError::tlv_length_invalid;
    }
    if (value.size() > app_name_max_size) {
      return AppHeaderError::name_too_long;
    }
    if (!is_valid_utf8(value)) {
      return AppHeaderError::name_not_utf8;
    }
    found.has_name = true;
    header.name = as_text(value);
    return AppHeaderError::none;
  case AppTlvType::fixed_addresses:
    if (header.has_fixed_addresses) {
      return AppHeaderError::tlv_duplicated;
    }
    if (value.size() != fixed_addresses_tlv_size) {
      return AppHeaderError::tlv_length_invalid;
    }
    header.has_fixed_addresses = true;
    header.fixed_addresses.ram = read_u32(value, 0);
    header.fixed_addresses.flash = read_u32(value, 4);
    return AppHeaderError::none;
  }
  return AppHeaderError::none; // Unknown types are skipped.
}

/// Walks the TLVs between the fixed part and the header's end.
AppHeaderError read_tlvs(std::span<const std::uint8_t> header_bytes,
                         AppHeader &header, TlvContents &found) {
  std::size_t offset = app_header_fixed_size;
  while (offset < header_bytes.size()) {
    const std::size_t left = header_bytes.size() - offset;
    if (left < tlv_header_size) {
      return AppHeaderError::tlv_overruns_header;
    }
    const std::uint16_t type = read_u16(header_bytes, offset);
    const std::uint16_t length = read_u16(header_bytes, offset + 2);
    // The value is padded to 4 bytes, and the padding must fit too.
    const std::size_t padded = (std::size_t{length} + 3U) & ~std::size_t{3};
    if (padded > left - tlv_header_size) {
      return AppHeaderError::tlv_overruns_header;
    }
    const AppHeaderError error = read_tlv(
        static_cast<AppTlvType>(type),
        header_bytes.subspan(offset + tlv_header_size, length), header, found);
    if (error != AppHeaderError::none) {
      return error;
    }
    ++found.tlv_count;
    offset += tlv_header_size + padded;
  }
  return AppHeaderError::none;
}

/// Checks the Main TLV's entry point and the fixed flash address.
AppHeaderError check_app(const AppHeader &header, const TlvContents &found,
                         std::uint32_t region_address) {
  if (!found.has_main) {
    return AppHeaderError::main_missing;
  }
  if (found.protected_trailer_size != 0) {
    return AppHeaderError::protected_trailer_unsupported;
  }
  // The entry point is a Thumb function address (as an ELF's e_entry): bit 0
  // set, and the halfword-aligned instruction at init_offset - 1 lies wholly
  // in the binary part (after the header, before total_size).
  if ((header.init_offset & 1U) == 0) {
    return AppHeaderError::init_offset_not_thumb;
  }
  const std::uint32_t instruction = header.init_offset - 1U;
  if (instruction < header.header_size ||
      instruction > header.total_size - 2U) {
    return AppHeaderError::init_offset_outside_binary;
  }
  if (header.has_fixed_addresses &&
      header.fixed_addresses.flash != any_address &&
      header.fixed_addresses.flash != region_address) {
    return AppHeaderError::fixed_flash_mismatch;
  }
  return AppHeaderError::none;
}

/// A UTF-8 sequence's first byte, decoded.
struct Utf8Lead {
  /// The sequence's length in bytes; 0 when the byte cannot start one.
  std::size_t length;
  /// The code point's bits that the first byte holds.
  std::uint32_t code_point;
  /// The smallest code point of this length (below it: overlong).
  std::uint32_t minimum;
};

/// Decodes the first byte of a UTF-8 sequence.
Utf8Lead decode_lead(std::uint8_t lead) {
  if (lead < 0x80U) {
    return {1, lead, 0};
  }
  if ((lead & 0xE0U) == 0xC0U) {
    return {2, lead & 0x1FU, 0x80U};
  }
  if ((lead & 0xF0U) == 0xE0U) {
    return {3, lead & 0x0FU, 0x800U};
  }
  if ((lead & 0xF8U) == 0xF0U) {
    return {4, lead & 0x07U, 0x10000U};
  }
  return {0, 0, 0}; // A continuation byte or 0xF8..0xFF.
}

} // namespace

bool is_valid_utf8(std::span<const std::uint8_t> bytes) {
  std::size_t offset = 0;
  while (offset < bytes.size()) {
    Utf8Lead lead = decode_lead(bytes[offset]);
    if (lead.length == 0 || lead.length > bytes.size() - offset) {
      return false;
    }
    for (std::size_t index = 1; index < lead.length; ++index) {
      const std::uint8_t next = bytes[offset + index];
      if ((next & 0xC0U) != 0x80U) {
        return false;
      }
      lead.code_point = (lead.code_point << 6) | (next & 0x3FU);
    }
    if (lead.code_point < lead.minimum || lead.code_point > 0x10FFFFU ||
        (lead.code_point >= 0xD800U && lead.code_point <= 0xDFFFU)) {
      return false;
    }
    offset += lead.length;
  }
  return true;
}

AppHeaderResult parse_app_header(std::span<const std::uint8_t> region,
                                 std::uint32_t region_address) {
  // Nothing left, erased flash or zero fill: the list of apps ends here.
  if (region.empty()) {
    return {AppRegionEntry::end_of_apps, AppHeaderError::none, {}};
  }
  if (region.size() >= 4) {
    const std::uint32_t first_word = read_u32(region, 0);
    if (first_word == erased_word || first_word == 0) {
      return {AppRegionEntry::end_of_apps, AppHeaderError::none, {}};
    }
  }
  if (region.size() < app_header_fixed_size) {
    return invalid(AppHeaderError::region_too_short);
  }

  AppHeader header;
  header.version = read_u16(region, 0);
  header.header_size = read_u16(region, 2);
  header.total_size = read_u32(region, 4);
  header.flags = read_u32(region, 8);
  // The sizes first: everything after them reads within header_size.
  if (header.version != app_header_version) {
    return invalid(AppHeaderError::unsupported_version);
  }
  if (header.header_size < app_header_fixed_size ||
      header.header_size % 4 != 0) {
    return invalid(AppHeaderError::header_size_invalid);
  }
  if (header.total_size % 4 != 0 || header.total_size < header.header_size) {
    return invalid(AppHeaderError::total_size_invalid);
  }
  if (region.size() < header.header_size) {
    return invalid(AppHeaderError::header_truncated);
  }
  if (region.size() < header.total_size) {
    return invalid(AppHeaderError::image_truncated);
  }
  const std::span<const std::uint8_t> header_bytes =
      region.first(header.header_size);
  if (header_checksum(header_bytes) != read_u32(region, checksum_offset)) {
    return invalid(AppHeaderError::checksum_mismatch);
  }
  if ((header.flags & ~known_flags) != 0) {
    return invalid(AppHeaderError::reserved_flags_set);
  }

  TlvContents found;
  if (const AppHeaderError error = read_tlvs(header_bytes, header, found);
      error != AppHeaderError::none) {
    return invalid(error);
  }
  // A bare header that is not enabled fills a gap between apps.
  if (found.tlv_count == 0 && header.flags == 0) {
    return {AppRegionEntry::padding, AppHeaderError::none, header};
  }
  if (const AppHeaderError error = check_app(header, found, region_address);
      error != AppHeaderError::none) {
    return invalid(error);
  }
  return {AppRegionEntry::app, AppHeaderError::none, header};
}

const char *name(AppHeaderError error) {
  switch (error) {
  case AppHeaderError::none:
    return "none";
  case AppHeaderError::region_too_short:
    return "region_too_short";
  case AppHeaderError::unsupported_version:
    return "unsupported_version";
  case AppHeaderError::header_size_invalid:
    return "header_size_invalid";
  case AppHeaderError::total_size_invalid:
    return "total_size_invalid";
  case AppHeaderError::header_truncated:
    return "header_truncated";
  case AppHeaderError::image_truncated:
    return "image_truncated";
  case AppHeaderError::reserved_flags_set:
    return "reserved_flags_set";
  case AppHeaderError::checksum_mismatch:
    return "checksum_mismatch";
  case AppHeaderError::tlv_overruns_header:
    return "tlv_overruns_header";
  case AppHeaderError::tlv_length_invalid:
    return "tlv_length_invalid";
  case AppHeaderError::tlv_duplicated:
    return "tlv_duplicated";
  case AppHeaderError::main_missing:
    return "main_missing";
  case AppHeaderError::protected_trailer_unsupported:
    return "protected_trailer_unsupported";
  case AppHeaderError::init_offset_outside_binary:
    return "init_offset_outside_binary";
  case AppHeaderError::init_offset_not_thumb:
    return "init_offset_not_thumb";
  case AppHeaderError::name_too_long:
    return "name_too_long";
  case AppHeaderError::name_not_utf8:
    return "name_not_utf8";
  case AppHeaderError::fixed_flash_mismatch:
    return "fixed_flash_mismatch";
  }
  return "unknown";
}

const char *describe(AppHeaderError error) {
  switch (error) {
  case AppHeaderError::none:
    return "no error";
  case AppHeaderError::region_too_short:
    return "region shorter than the header's fixed part";
  case AppHeaderError::unsupported_version:
    return "unsupported header version";
  case AppHeaderError::header_size_invalid:
    return "header size below 16 or not a multiple of 4";
  case AppHeaderError::total_size_invalid:
    return "total size not a multiple of 4 or below the header size";
  case AppHeaderError::header_truncated:
    return "region shorter than the header size";
  case AppHeaderError::image_truncated:
    return "region shorter than the image's total size";
  case AppHeaderError::reserved_flags_set:
    return "reserved flag bits set";
  case AppHeaderError::checksum_mismatch:
    return "checksum mismatch";
  case AppHeaderError::tlv_overruns_header:
    return "TLV runs past the header's end";
  case AppHeaderError::tlv_length_invalid:
    return "TLV length wrong for its type";
  case AppHeaderError::tlv_duplicated:
    return "TLV appears twice";
  case AppHeaderError::main_missing:
    return "Main TLV missing";
  case AppHeaderError::protected_trailer_unsupported:
    return "protected trailer not supported";
  case AppHeaderError::init_offset_outside_binary:
    return "entry point outside the binary";
  case AppHeaderError::init_offset_not_thumb:
    return "entry point not a Thumb address (bit 0 clear)";
  case AppHeaderError::name_too_long:
    return "package name longer than 32 bytes";
  case AppHeaderError::name_not_utf8:
    return "package name not valid UTF-8";
  case AppHeaderError::fixed_flash_mismatch:
    return "linked for another flash address than the image's";
  }
  return "unknown error";
}

} // namespace kernel::process
