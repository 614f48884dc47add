/// HID report descriptor items by name (HID 1.11 section 6.2.2).
#ifndef CAPSULES_USB_HID_REPORT_ITEMS_H
#define CAPSULES_USB_HID_REPORT_ITEMS_H

#include <array>
#include <cstddef>
#include <cstdint>

namespace capsules::usb::hid {

/// One short item (HID 1.11 section 6.2.2.2): a prefix byte holding the tag,
/// the type and the data size, then 0, 1, 2 or 4 data bytes little-endian.
struct Item {
  /// bTag and bType, with the size bits still zero.
  std::uint8_t tag_and_type = 0;
  /// The data, already truncated to `data_size` bytes.
  std::uint32_t data = 0;
  /// 0, 1, 2 or 4.
  std::uint8_t data_size = 0;

  /// The prefix byte and the data bytes together.
  [[nodiscard]] constexpr std::size_t encoded_length() const {
    return 1 + data_size;
  }
};

/// Usage pages (HID Usage Tables 1.12 table 1) this stack names.
enum class UsagePage : std::uint16_t {
  generic_desktop = 0x01,
  keyboard = 0x07,
  leds = 0x08,
  /// The first vendor-defined page; 0xFF00 to 0xFFFF are all vendor pages.
  vendor_defined = 0xFF00,
};

/// Generic Desktop usages (HID Usage Tables 1.12 section 4).
namespace generic_desktop {
/// A keyboard application collection.
inline constexpr std::uint16_t keyboard = 0x06;
} // namespace generic_desktop

/// Collection types (HID 1.11 section 6.2.2.6).
enum class CollectionType : std::uint8_t {
  physical = 0x00,
  application = 0x01,
  logical = 0x02,
};

/// The data bits of Input, Output and Feature items (HID 1.11 section
/// 6.2.2.5), with the combinations report descriptors use.
namespace main_flags {
/// Data, Array, Absolute: a list of pressed keys.
inline constexpr std::uint8_t data_array_absolute = 0x00;
/// Constant: padding.
inline constexpr std::uint8_t constant = 0x01;
/// Data, Variable, Absolute: one field per usage.
inline constexpr std::uint8_t data_variable_absolute = 0x02;
} // namespace main_flags

namespace detail {
/// bType (bits 3..2) of main items: Input, Output, Collection.
inline constexpr std::uint8_t main_type = 0x00;
/// bType of global items, which stay in force for the items that follow.
inline constexpr std::uint8_t global_type = 0x04;
/// bType of local items, which apply to the next main item only.
inline constexpr std::uint8_t local_type = 0x08;

/// An item whose data is unsigned, in the fewest bytes that hold it.
constexpr Item unsigned_item(std::uint8_t tag_and_type, std::uint32_t value) {
  const std::uint8_t size = value <= 0xFF ? 1 : value <= 0xFFFF ? 2 : 4;
  return Item{tag_and_type, value, size};
}

/// An item whose data is signed (logical and physical extents), in the
/// fewest bytes that hold it as two's complement.
constexpr Item signed_item(std::uint8_t tag_and_type, std::int32_t value) {
  if (value >= -128 && value <= 127) {
    return Item{tag_and_type, static_cast<std::uint32_t>(value) & 0xFFU, 1};
  }
  if (value >= -32768 && value <= 32767) {
    return Item{tag_and_type, static_cast<std::uint32_t>(value) & 0xFFFFU, 2};
  }
  return Item{tag_and_type, static_cast<std::uint32_t>(value), 4};
}
} // namespace detail

/// Global: the usage page of the usages that follow.
constexpr Item usage_page(UsagePage page) {
  return detail::unsigned_item(0x00 | detail::global_type,
                               static_cast<std::uint16_t>(page));
}
/// Global: the smallest value a field reports.
constexpr Item logical_minimum(std::int32_t value) {
  return detail::signed_item(0x10 | detail::global_type, value);
}
/// Global: the largest value a field reports.
constexpr Item logical_maximum(std::int32_t value) {
  return detail::signed_item(0x20 | detail::global_type, value);
}
/// Global: the size of each field, in bits.
constexpr Item report_size(std::uint32_t bits) {
  return detail::unsigned_item(0x70 | detail::global_type, bits);
}
/// Global: the number of fields.
constexpr Item report_count(std::uint32_t count) {
  return detail::unsigned_item(0x90 | detail::global_type, count);
}
/// Local: one usage on the current page.
constexpr Item usage(std::uint16_t id) {
  return detail::unsigned_item(0x00 | detail::local_type, id);
}
/// Local: the first of a range of usages.
constexpr Item usage_minimum(std::uint16_t id) {
  return detail::unsigned_item(0x10 | detail::local_type, id);
}
/// Local: the last of a range of usages.
constexpr Item usage_maximum(std::uint16_t id) {
  return detail::unsigned_item(0x20 | detail::local_type, id);
}
/// Main: fields the device sends.
constexpr Item input(std::uint8_t flags) {
  return Item{0x80 | detail::main_type, flags, 1};
}
/// Main: fields the host sends.
constexpr Item output(std::uint8_t flags) {
  return Item{0x90 | detail::main_type, flags, 1};
}
/// Main: opens a collection.
constexpr Item collection(CollectionType type) {
  return Item{0xA0 | detail::main_type, static_cast<std::uint8_t>(type), 1};
}
/// Main: closes the innermost collection; carries no data.
constexpr Item end_collection() { return Item{0xC0 | detail::main_type, 0, 0}; }

/// The encoded length of `items`, in bytes.
template <std::size_t item_count>
constexpr std::size_t
encoded_length(const std::array<Item, item_count> &items) {
  std::size_t length = 0;
  for (const Item &item : items) {
    length += item.encoded_length();
  }
  return length;
}

/// The report descriptor bytes of `items`, a constexpr array of static
/// storage duration (the array's size depends on the items' values, so the
/// items come in as a template argument).
template <const auto &items> consteval auto encode_report_descriptor() {
  std::array<std::uint8_t, encoded_length(items)> bytes{};
  std::size_t position = 0;
  for (const Item &item : items) {
    const std::uint8_t size_code = item.data_size == 4 ? 3 : item.data_size;
    bytes[position] = static_cast<std::uint8_t>(item.tag_and_type | size_code);
    ++position;
    for (std::size_t shift = 0; shift < item.data_size; ++shift) {
      bytes[position] =
          static_cast<std::uint8_t>((item.data >> (8U * shift)) & 0xFFU);
      ++position;
    }
  }
  return bytes;
}

} // namespace capsules::usb::hid

#endif // CAPSULES_USB_HID_REPORT_ITEMS_H
