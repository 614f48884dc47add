/// NumberText: a number as decimal or hexadecimal text, without a heap.
#ifndef KERNEL_NUMBER_TEXT_H
#define KERNEL_NUMBER_TEXT_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace kernel {

/// The text of one number, held in the object itself (there is no heap and
/// no printf in the kernel): `debug::print(decimal(count).view())`.
class NumberText {
public:
  /// The text; valid as long as this object lives.
  [[nodiscard]] constexpr std::string_view view() const {
    std::string_view text(characters_.data(), characters_.size());
    text.remove_prefix(first_); // first_ <= size(): never past the end.
    return text;
  }

private:
  friend constexpr NumberText decimal(std::uint32_t value);
  friend constexpr NumberText hexadecimal(std::uint32_t value);

  constexpr NumberText() = default;

  /// Room for "0x" and eight digits, or ten decimal digits.
  std::array<char, 10> characters_{};
  /// Where the text starts within `characters_`.
  std::size_t first_ = 0;
};

/// `value` in decimal, without leading zeros ("0" for zero).
[[nodiscard]] constexpr NumberText decimal(std::uint32_t value) {
  NumberText text;
  std::size_t first = text.characters_.size();
  do {
    --first;
    text.characters_[first] = static_cast<char>('0' + value % 10);
    value /= 10;
  } while (value != 0);
  text.first_ = first;
  return text;
}

/// `value` as "0x" and eight lower-case hexadecimal digits.
[[nodiscard]] constexpr NumberText hexadecimal(std::uint32_t value) {
  constexpr std::string_view digits = "0123456789abcdef";
  NumberText text;
  text.characters_[0] = '0';
  text.characters_[1] = 'x';
  for (std::size_t index = text.characters_.size(); index > 2; --index) {
    text.characters_[index - 1] = digits[value & 0xF];
    value >>= 4;
  }
  return text;
}

static_assert(decimal(0).view() == "0");
static_assert(decimal(4'294'967'295U).view() == "4294967295");
static_assert(hexadecimal(0xE000ED28).view() == "0xe000ed28");

} // namespace kernel

#endif // KERNEL_NUMBER_TEXT_H
