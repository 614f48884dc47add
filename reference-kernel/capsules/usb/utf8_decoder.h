/// Utf8Decoder: the code points of a UTF-8 string.
#ifndef CAPSULES_USB_UTF8_DECODER_H
#define CAPSULES_USB_UTF8_DECODER_H

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace capsules::usb {

/// What an ill-formed UTF-8 sequence decodes to (U+FFFD, as the Unicode
/// standard recommends), so that a bad string still has a definite length.
inline constexpr char32_t replacement_character = 0xFFFD;

/// Reads a UTF-8 string one code point at a time. Ill-formed input (a stray
/// continuation byte, a truncated sequence, an overlong form, a surrogate, a
/// value above U+10FFFF) yields one U+FFFD per rejected lead byte and moves
/// on by one byte: the decoder never reads past the end.
class Utf8Decoder {
public:
  /// A decoder at the start of `text`.
  constexpr explicit Utf8Decoder(std::string_view text) : text_(text) {}

  /// Whether every code point has been read.
  [[nodiscard]] constexpr bool at_end() const {
    return position_ >= text_.size();
  }

  /// The next code point; call only when not `at_end()`.
  constexpr char32_t next() {
    const unsigned lead = byte_at(position_);
    ++position_;
    if (lead < 0x80) {
      return lead;
    }
    std::size_t continuation_count = 0;
    char32_t code_point = 0;
    char32_t smallest = 0;
    if ((lead & 0xE0U) == 0xC0U) {
      continuation_count = 1;
      code_point = lead & 0x1FU;
      smallest = 0x80;
    } else if ((lead & 0xF0U) == 0xE0U) {
      continuation_count = 2;
      code_point = lead & 0x0FU;
      smallest = 0x800;
    } else if ((lead & 0xF8U) == 0xF0U) {
      continuation_count = 3;
      code_point = lead & 0x07U;
      smallest = 0x10000;
    } else {
      return replacement_character;
    }
    if (text_.size() - position_ < continuation_count) {
      return replacement_character;
    }
    for (std::size_t offset = 0; offset < continuation_count; ++offset) {
      const unsigned continuation = byte_at(position_ + offset);
      if ((continuation & 0xC0U) != 0x80U) {
        return replacement_character;
      }
      code_point = (code_point << 6U) | (continuation & 0x3FU);
    }
    if (code_point < smallest || code_point > 0x10FFFF ||
        (code_point >= 0xD800 && code_point <= 0xDFFF)) {
      return replacement_character;
    }
    position_ += continuation_count;
    return code_point;
  }

private:
  /// The byte at `position` as an unsigned value (char may be signed).
  constexpr unsigned byte_at(std::size_t position) const {
    return static_cast<unsigned char>(text_[position]);
  }

  /// The whole string.
  std::string_view text_;
  /// Where the next code point starts.
  std::size_t position_ = 0;
};

/// How many UTF-16 code units `code_point` takes: two above the Basic
/// Multilingual Plane (a surrogate pair), one otherwise.
constexpr std::size_t utf16_unit_count(char32_t code_point) {
  return code_point > 0xFFFF ? 2 : 1;
}

/// How many UTF-16 code units `text` takes.
constexpr std::size_t utf16_length(std::string_view text) {
  Utf8Decoder decoder{text};
  std::size_t units = 0;
  while (!decoder.at_end()) {
    units += utf16_unit_count(decoder.next());
  }
  return units;
}

} // namespace capsules::usb

#endif // CAPSULES_USB_UTF8_DECODER_H
