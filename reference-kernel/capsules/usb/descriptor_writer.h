/// DescriptorWriter: appends descriptor fields to a byte array at compile time.
#ifndef CAPSULES_USB_DESCRIPTOR_WRITER_H
#define CAPSULES_USB_DESCRIPTOR_WRITER_H

#include <cstddef>
#include <cstdint>
#include <span>

namespace capsules::usb {

/// Compile-time errors of the descriptor builders. They are declared and
/// never defined, and are not constexpr: a builder (all are consteval) that
/// reaches one stops compiling, and the compiler's message names the function,
/// which is the explanation.
namespace descriptor_error {
/// The builder wrote past the end of the array it sized: a bug in a
/// function's `descriptor_length`.
void written_past_the_computed_length();
/// The builder wrote fewer bytes than it sized: a bug in a function's
/// `descriptor_length`.
void written_less_than_the_computed_length();
/// A function wrote a different number of bytes than its
/// `descriptor_length` says.
void function_length_differs_from_its_descriptor_length();
/// A function declared more endpoints than `FunctionPlacement` records.
void too_many_endpoints_in_one_function();
/// Two endpoints of one configuration have the same number and direction.
void endpoint_number_used_twice();
/// An endpoint number is above 15, or no free number is left.
void endpoint_number_out_of_range();
/// A value does not fit the descriptor field that carries it.
void value_does_not_fit_its_field();
/// A string descriptor would be longer than 255 bytes (126 UTF-16 units).
void string_too_long_for_a_descriptor();
/// A bulk endpoint's wMaxPacketSize is not 8, 16, 32 or 64, or an
/// interrupt endpoint's is above 64 (full speed, USB 2.0 sections 5.7.3 and
/// 5.8.3).
void max_packet_size_not_allowed_at_full_speed();
/// An interrupt endpoint's bInterval is 0 (full speed allows 1 to 255).
void interrupt_interval_zero();
/// A HID function names no report descriptor.
void hid_report_descriptor_missing();
/// A descriptor names a string index that the string table does not have.
void string_index_names_no_string();
} // namespace descriptor_error

/// Writes bytes, and 16-bit fields little-endian (USB 2.0 section 8.1), in
/// order into a span it does not own. Used by the consteval builders, where an
/// overrun is a compile error rather than a silent truncation.
class DescriptorWriter {
public:
  /// A writer at the start of `bytes`.
  constexpr explicit DescriptorWriter(std::span<std::uint8_t> bytes)
      : bytes_(bytes) {}

  /// Appends one byte.
  constexpr void byte(std::uint8_t value) {
    if (position_ >= bytes_.size()) {
      descriptor_error::written_past_the_computed_length();
      return;
    }
    bytes_[position_] = value;
    ++position_;
  }

  /// Appends a value that must fit one byte (a count or a number computed
  /// by the builder).
  constexpr void byte_from(std::size_t value) {
    if (value > 0xFF) {
      descriptor_error::value_does_not_fit_its_field();
    }
    byte(static_cast<std::uint8_t>(value));
  }

  /// Appends a 16-bit field, low byte first.
  constexpr void word(std::uint16_t value) {
    byte(static_cast<std::uint8_t>(value & 0xFFU));
    byte(static_cast<std::uint8_t>(value >> 8U));
  }

  /// Appends a value that must fit 16 bits, low byte first.
  constexpr void word_from(std::size_t value) {
    if (value > 0xFFFF) {
      descriptor_error::value_does_not_fit_its_field();
    }
    word(static_cast<std::uint16_t>(value));
  }

  /// How many bytes have been written.
  [[nodiscard]] constexpr std::size_t position() const { return position_; }

  /// Stops compiling unless exactly the whole span was written.
  constexpr void expect_full() const {
    if (position_ != bytes_.size()) {
      descriptor_error::written_less_than_the_computed_length();
    }
  }

private:
  /// The array being filled (owned by the builder).
  std::span<std::uint8_t> bytes_;
  /// Where the next byte goes.
  std::size_t position_ = 0;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_DESCRIPTOR_WRITER_H
