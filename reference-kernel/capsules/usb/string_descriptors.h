/// StringDescriptors: strings kept as UTF-8, sent as UTF-16LE.
#ifndef CAPSULES_USB_STRING_DESCRIPTORS_H
#define CAPSULES_USB_STRING_DESCRIPTORS_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/usb_codes.h"
#include "capsules/usb/utf8_decoder.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace capsules::usb {

/// The most UTF-16 units a string descriptor holds: bLength is one byte, and
/// two bytes of it are the header.
inline constexpr std::size_t string_descriptor_max_units = (255 - 2) / 2;

/// The length of a string descriptor holding `text`.
constexpr std::size_t string_descriptor_length(std::string_view text) {
  return 2 + 2 * utf16_length(text);
}

/// The string descriptors of a device (USB 2.0 section 9.6.7): index 0 is
/// the list of language ids (only English, United States: 0x0409), index n
/// is `strings[n - 1]`. The strings stay UTF-8 in flash, as written in the
/// source, and are converted when the host asks for one (Zephyr's choice:
/// no second copy of every string in UTF-16).
class StringDescriptors {
public:
  /// The descriptors of `strings` (an array in static storage, usually a
  /// constexpr one). Consteval: a string too long for a descriptor, or more
  /// strings than an index byte can name, stops the build.
  consteval explicit StringDescriptors(
      std::span<const std::string_view> strings)
      : strings_(strings) {
    if (strings.size() > 255) {
      descriptor_error::value_does_not_fit_its_field();
    }
    for (const std::string_view text : strings) {
      if (utf16_length(text) > string_descriptor_max_units) {
        descriptor_error::string_too_long_for_a_descriptor();
      }
    }
  }

  /// How many strings there are (the highest valid index, not counting the
  /// language id list at 0).
  [[nodiscard]] constexpr std::size_t count() const { return strings_.size(); }

  /// The full length of descriptor `index` (what its bLength says), or
  /// nothing when there is no such string.
  [[nodiscard]] constexpr std::optional<std::size_t>
  descriptor_length(std::uint8_t index) const {
    if (index == 0) {
      return language_ids_length;
    }
    if (index > strings_.size()) {
      return std::nullopt;
    }
    return string_descriptor_length(strings_[index - 1U]);
  }

  /// Writes string descriptor `index` into `out`, and returns how many bytes
  /// were written: min(out.size(), full length). This is exactly what the
  /// device sends for a GET_DESCRIPTOR whose wLength is `out.size()` (USB 2.0
  /// section 9.3.5: a shorter wLength truncates the answer); bLength still
  /// says the full length, which is how a host that first asks for two bytes
  /// learns how many to ask for. Nothing when there is no such string (the
  /// device stalls). The language id in the request's wIndex is not looked
  /// at: there is only one language.
  std::optional<std::size_t>
  write_string_descriptor(std::uint8_t index,
                          std::span<std::uint8_t> out) const {
    return write_string_descriptor(index, 0, out);
  }

  /// Like the other overload, but writes the descriptor's bytes from
  /// `offset` on: the control endpoint asks for a reply one packet at a
  /// time, so no buffer ever holds a whole descriptor. Returns how many
  /// bytes were written (0 at or past the end).
  std::optional<std::size_t>
  write_string_descriptor(std::uint8_t index, std::size_t offset,
                          std::span<std::uint8_t> out) const;

private:
  /// bLength, bDescriptorType, one language id.
  static constexpr std::size_t language_ids_length = 4;

  /// The strings, index n at position n - 1.
  std::span<const std::string_view> strings_;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_STRING_DESCRIPTORS_H
