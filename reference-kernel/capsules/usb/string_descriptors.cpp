/// StringDescriptors: UTF-8 to UTF-16LE, cut to the buffer.
#include "capsules/usb/string_descriptors.h"

namespace capsules::usb {

namespace {

/// Appends bytes to a span and drops those that do not fit, counting what
/// was kept: a descriptor truncated by a short wLength is still a valid
/// answer. The first `skip` bytes are dropped too: they went in earlier
/// packets.
class TruncatingWriter {
public:
  TruncatingWriter(std::span<std::uint8_t> out, std::size_t skip)
      : out_(out), skip_(skip) {}

  void byte(std::uint8_t value) {
    if (skip_ > 0) {
      --skip_;
      return;
    }
    if (written_ < out_.size()) {
      out_[written_] = value;
      ++written_;
    }
  }

  /// A UTF-16 code unit, little-endian.
  void unit(std::uint16_t value) {
    byte(static_cast<std::uint8_t>(value & 0xFFU));
    byte(static_cast<std::uint8_t>(value >> 8U));
  }

  [[nodiscard]] std::size_t written() const { return written_; }

private:
  std::span<std::uint8_t> out_;
  std::size_t skip_ = 0;
  std::size_t written_ = 0;
};

} // namespace

std::optional<std::size_t> StringDescriptors::write_string_descriptor(
    std::uint8_t index, std::size_t offset, std::span<std::uint8_t> out) const {
  const std::optional<std::size_t> length = descriptor_length(index);
  if (!length.has_value()) {
    return std::nullopt;
  }
  TruncatingWriter writer{out, offset};
  writer.byte(static_cast<std::uint8_t>(*length));
  writer.byte(static_cast<std::uint8_t>(DescriptorType::string));
  if (index == 0) {
    writer.unit(language_english_united_states);
    return writer.written();
  }
  Utf8Decoder decoder{strings_[index - 1U]};
  while (!decoder.at_end() && writer.written() < out.size()) {
    const char32_t code_point = decoder.next();
    if (utf16_unit_count(code_point) == 1) {
      writer.unit(static_cast<std::uint16_t>(code_point));
    } else {
      // A surrogate pair (Unicode section 3.9, UTF-16).
      const char32_t offset = code_point - 0x10000;
      writer.unit(static_cast<std::uint16_t>(0xD800 + (offset >> 10U)));
      writer.unit(static_cast<std::uint16_t>(0xDC00 + (offset & 0x3FFU)));
    }
  }
  return writer.written();
}

} // namespace capsules::usb
