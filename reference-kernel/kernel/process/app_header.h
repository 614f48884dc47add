/// The application image header (after Tock's TBF v2) and its checked parser.
#ifndef KERNEL_PROCESS_APP_HEADER_H
#define KERNEL_PROCESS_APP_HEADER_H

#include <cstdint>
#include <span>
#include <string_view>

namespace kernel::process {

// An app image is a header followed by the app's binary, total_size bytes in
// all, at a fixed flash address. All fields are little-endian:
//
//   offset 0   u16 version (2)        offset 2   u16 header_size
//   offset 4   u32 total_size         offset 8   u32 flags
//   offset 12  u32 checksum           offset 16  TLVs, up to header_size
//
// Each TLV is u16 type, u16 length, then `length` value bytes padded to a
// multiple of 4. The checksum is the XOR of every 32-bit word of the header
// (header_size bytes) with the checksum word taken as 0.

/// The header format version this parser reads.
inline constexpr std::uint16_t app_header_version = 2;
/// The size of the fixed part of the header, before the TLVs.
inline constexpr std::uint32_t app_header_fixed_size = 16;
/// The longest package name, in bytes.
inline constexpr std::uint32_t app_name_max_size = 32;

/// Flag bit 0: the kernel starts the app at boot.
inline constexpr std::uint32_t app_flag_enabled = 1U << 0;
/// Flag bit 1: tools do not erase the app unless forced.
inline constexpr std::uint32_t app_flag_sticky = 1U << 1;

/// The TLV types the parser knows; others are skipped.
enum class AppTlvType : std::uint16_t {
  /// The entry point and RAM need (required in an app).
  main = 1,
  /// The package name, UTF-8.
  package_name = 3,
  /// The RAM and flash addresses the app was linked for.
  fixed_addresses = 5,
};

/// Why a region does not start with a valid header.
enum class AppHeaderError : std::uint8_t {
  /// No error: the region holds an app, padding or the end of the apps.
  none,
  /// Fewer bytes than the fixed part of the header.
  region_too_short,
  /// A version other than app_header_version.
  unsupported_version,
  /// header_size below the fixed part or not a multiple of 4.
  header_size_invalid,
  /// total_size not a multiple of 4, or below header_size.
  total_size_invalid,
  /// Fewer bytes than header_size.
  header_truncated,
  /// Fewer bytes than total_size.
  image_truncated,
  /// Flag bits other than enabled and sticky are set.
  reserved_flags_set,
  /// The checksum word does not match the header's words.
  checksum_mismatch,
  /// A TLV's type, length or value runs past header_size.
  tlv_overruns_header,
  /// A known TLV's length is wrong for its type.
  tlv_length_invalid,
  /// A known TLV appears twice.
  tlv_duplicated,
  /// No Main TLV in a header that is not padding.
  main_missing,
  /// A protected trailer, which this kernel does not support.
  protected_trailer_unsupported,
  /// The entry point is not in the binary part of the image.
  init_offset_outside_binary,
  /// The entry point is even: not a Thumb address.
  init_offset_not_thumb,
  /// A package name longer than app_name_max_size.
  name_too_long,
  /// A package name that is not valid UTF-8.
  name_not_utf8,
  /// The app was linked for another flash address than the image's.
  fixed_flash_mismatch,
};

/// The error's name, as the enumerator spells it.
[[nodiscard]] const char *name(AppHeaderError error);
/// A one-line description of the error, for the boot log.
[[nodiscard]] const char *describe(AppHeaderError error);

/// What the start of a region holds.
enum class AppRegionEntry : std::uint8_t {
  /// A valid app header: `header` is filled in.
  app,
  /// A valid header with no TLVs and not enabled: a gap filler that the
  /// loader skips (`header.total_size` bytes), as Tock's padding apps.
  padding,
  /// Erased (0xFFFFFFFF) or zero-filled flash: no more apps.
  end_of_apps,
  /// Not a valid header: `error` says why. The loader stops, because
  /// total_size cannot be trusted to find the next image.
  invalid,
};

/// The addresses an app was linked for (FixedAddresses TLV). Tock's
/// convention: 0xFFFFFFFF means "any".
struct AppFixedAddresses {
  /// The start of the app's RAM.
  std::uint32_t ram = 0;
  /// The start of the image (its header) in flash.
  std::uint32_t flash = 0;
};

/// A validated header. `name` points into the parsed region.
struct AppHeader {
  /// The format version (app_header_version).
  std::uint16_t version = 0;
  /// The header's size in bytes; the binary starts here.
  std::uint16_t header_size = 0;
  /// The image's size: header, binary and padding.
  std::uint32_t total_size = 0;
  /// app_flag_enabled, app_flag_sticky.
  std::uint32_t flags = 0;
  /// The entry point, from the image's start, with the Thumb bit set.
  std::uint32_t init_offset = 0;
  /// The RAM the app needs, in bytes (the loader checks it fits).
  std::uint32_t minimum_ram_size = 0;
  /// The package name; empty when the header has none.
  std::string_view name;
  /// Whether the header has a FixedAddresses TLV.
  bool has_fixed_addresses = false;
  /// The fixed addresses; meaningful when has_fixed_addresses.
  AppFixedAddresses fixed_addresses;

  /// Whether the kernel starts the app at boot.
  [[nodiscard]] bool is_enabled() const {
    return (flags & app_flag_enabled) != 0;
  }
  /// Whether tools keep the app on erase.
  [[nodiscard]] bool is_sticky() const {
    return (flags & app_flag_sticky) != 0;
  }
};

/// The outcome of parse_app_header.
struct [[nodiscard]] AppHeaderResult {
  /// What the region starts with.
  AppRegionEntry entry = AppRegionEntry::invalid;
  /// Why it is invalid; AppHeaderError::none otherwise.
  AppHeaderError error = AppHeaderError::none;
  /// The header, for `app` (all of it) and `padding` (the sizes and flags).
  AppHeader header;

  /// Whether the region starts with a valid app.
  [[nodiscard]] bool is_app() const { return entry == AppRegionEntry::app; }
};

/// Reads the header at the start of `region`, the bytes from the image's
/// start to the end of the apps' flash, which start at `region_address`.
/// Every field is validated before it is used, and the region is read only
/// through bounded accesses. The returned name points into `region`.
[[nodiscard]] AppHeaderResult
parse_app_header(std::span<const std::uint8_t> region,
                 std::uint32_t region_address);

/// Whether `bytes` is well-formed UTF-8 (no overlong forms, no surrogates,
/// nothing above U+10FFFF).
[[nodiscard]] bool is_valid_utf8(std::span<const std::uint8_t> bytes);

} // namespace kernel::process

#endif // KERNEL_PROCESS_APP_HEADER_H
