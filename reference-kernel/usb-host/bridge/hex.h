/// Bytes as hex text and back, for the bridge's lines of text.
#ifndef USB_HOST_BRIDGE_HEX_H
#define USB_HOST_BRIDGE_HEX_H

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace usb_host {

/// `bytes` as lower-case hex digits, two per byte, nothing between.
inline std::string to_hex(std::span<const std::uint8_t> bytes) {
  static constexpr char digits[] = "0123456789abcdef";
  std::string text;
  text.reserve(bytes.size() * 2);
  for (const std::uint8_t byte : bytes) {
    text += digits[byte >> 4U];
    text += digits[byte & 0x0FU];
  }
  return text;
}

/// The bytes `text` spells in hex digits (either case, an even count);
/// nothing when it spells none.
inline std::optional<std::vector<std::uint8_t>>
parse_hex(std::string_view text) {
  const auto value = [](char digit) -> int {
    if (digit >= '0' && digit <= '9') {
      return digit - '0';
    }
    if (digit >= 'a' && digit <= 'f') {
      return digit - 'a' + 10;
    }
    if (digit >= 'A' && digit <= 'F') {
      return digit - 'A' + 10;
    }
    return -1;
  };
  if (text.empty() || text.size() % 2 != 0) {
    return std::nullopt;
  }
  std::vector<std::uint8_t> bytes;
  for (std::size_t position = 0; position < text.size(); position += 2) {
    const int high = value(text[position]);
    const int low = value(text[position + 1]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    bytes.push_back(static_cast<std::uint8_t>(high << 4 | low));
  }
  return bytes;
}

} // namespace usb_host

#endif // USB_HOST_BRIDGE_HEX_H
