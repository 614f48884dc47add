/// LineBuffer: the line being typed, with room for `capacity` characters.
#ifndef CAPSULES_LINE_BUFFER_H
#define CAPSULES_LINE_BUFFER_H

#include <array>
#include <cstddef>
#include <string_view>

namespace capsules {

/// The characters of one input line, held in place (no heap). Plain data: a
/// component keeps one inside a MapCell.
template <std::size_t capacity> class LineBuffer {
public:
  /// The line so far; valid until the buffer changes.
  [[nodiscard]] constexpr std::string_view view() const {
    return std::string_view(characters_.data(), length_);
  }
  /// Whether the line is empty.
  [[nodiscard]] constexpr bool is_empty() const { return length_ == 0; }

  /// Appends `character`; returns false (and drops it) if the line is full.
  constexpr bool append(char character) {
    if (length_ == capacity) {
      return false;
    }
    characters_[length_] = character;
    ++length_;
    return true;
  }

  /// Removes the last character; returns false if the line was empty.
  constexpr bool erase_last() {
    if (length_ == 0) {
      return false;
    }
    --length_;
    return true;
  }

  /// Empties the line.
  constexpr void clear() { length_ = 0; }

  /// Copies the line into `destination`; returns how many characters.
  constexpr std::size_t copy_to(std::array<char, capacity> &destination) const {
    for (std::size_t index = 0; index < length_; ++index) {
      destination[index] = characters_[index];
    }
    return length_;
  }

private:
  std::array<char, capacity> characters_{};
  std::size_t length_ = 0;
};

} // namespace capsules

#endif // CAPSULES_LINE_BUFFER_H
