/// Field and FieldValue: named bitfields of one register, and values for them.
#ifndef LIBRARIES_REGISTERS_FIELD_H
#define LIBRARIES_REGISTERS_FIELD_H

#include <concepts>
#include <limits>
#include <type_traits>

namespace registers {
namespace detail {

/// Deliberately neither constexpr nor defined: a consteval function that
/// reaches a call to it is not a constant expression, so the compiler rejects
/// the declaration that caused the call.
void field_must_lie_inside_its_register();

} // namespace detail

/// The type of a register's contents: an unsigned integer (tock-registers'
/// `UIntLike`).
template <typename T>
concept RegisterValue = std::unsigned_integral<T> && !std::same_as<T, bool>;

/// What a field's named values may be: the register's own integer type, or an
/// enumeration with a fixed underlying type (so that every bit pattern the
/// hardware returns is a value of the enumeration, never undefined behaviour).
template <typename E, typename T>
concept FieldEnumeration =
    std::same_as<E, T> ||
    (std::is_enum_v<E> &&
     !std::is_convertible_v<E, std::underlying_type_t<E>> &&
     std::unsigned_integral<std::underlying_type_t<E>>);

/// A value for one or more fields of one register, to write or to compare:
/// `mask` says which bits it covers, `bits` what they are. Values for fields
/// of the same register combine with `|`; the `Bits` tag (the struct that
/// declares the register's fields) keeps fields of different registers apart,
/// so a value for CTRL cannot be written to STATE.
template <RegisterValue T, typename Bits> class FieldValue {
public:
  /// The value `bits` in the bits selected by `mask` (both already shifted).
  constexpr FieldValue(T mask, T bits) noexcept
      : mask_(mask), bits_(bits & mask) {}

  /// The bits this value covers.
  [[nodiscard]] constexpr T mask() const noexcept { return mask_; }
  /// The value of the covered bits (zero outside the mask).
  [[nodiscard]] constexpr T bits() const noexcept { return bits_; }

  /// `original` with the covered bits replaced by this value (a modify).
  [[nodiscard]] constexpr T applied_to(T original) const noexcept {
    return static_cast<T>((original & static_cast<T>(~mask_)) | bits_);
  }

  /// Whether `register_value` holds this value in every covered bit.
  [[nodiscard]] constexpr bool matches(T register_value) const noexcept {
    return (register_value & mask_) == bits_;
  }

  /// Both values; the right one wins where they overlap.
  friend constexpr FieldValue operator|(FieldValue left,
                                        FieldValue right) noexcept {
    return FieldValue(static_cast<T>(left.mask_ | right.mask_),
                      right.applied_to(left.bits_));
  }

private:
  T mask_;
  T bits_;
};

/// A bitfield `width` bits wide starting at bit `shift` of a register of type
/// `T` whose fields are declared by `Bits`. `Value` is what the field holds:
/// `T` for a number, or a scoped enumeration for a field with named values
/// (read back with `read_as_enum`).
template <RegisterValue T, typename Bits, typename Value = T>
  requires FieldEnumeration<Value, T>
class Field {
public:
  /// The field of `width` bits at bit `shift`.
  consteval Field(unsigned shift, unsigned width) noexcept
      : shift_(shift), mask_(mask_of(width)) {
    // Evaluated at compile time only, so a field that does not lie inside its
    // register stops the build here.
    if (width == 0 || shift + width > std::numeric_limits<T>::digits) {
      detail::field_must_lie_inside_its_register();
    }
  }

  /// The field's bits, not shifted (the field's largest value).
  [[nodiscard]] constexpr T mask() const noexcept { return mask_; }
  /// The position of the field's lowest bit.
  [[nodiscard]] constexpr unsigned shift() const noexcept { return shift_; }

  /// A value for this field; bits of `value` wider than the field are dropped.
  [[nodiscard]] constexpr FieldValue<T, Bits>
  value(Value value) const noexcept {
    return FieldValue<T, Bits>(shifted_mask(),
                               static_cast<T>(static_cast<T>(value) << shift_));
  }

  /// The value with every bit of the field set (a one-bit flag: "on").
  [[nodiscard]] constexpr FieldValue<T, Bits> set() const noexcept {
    return FieldValue<T, Bits>(shifted_mask(), shifted_mask());
  }

  /// The value with every bit of the field clear (a one-bit flag: "off").
  [[nodiscard]] constexpr FieldValue<T, Bits> clear() const noexcept {
    return FieldValue<T, Bits>(shifted_mask(), 0);
  }

  /// The field's contents in the register value `register_value`.
  [[nodiscard]] constexpr T extract(T register_value) const noexcept {
    return static_cast<T>((register_value >> shift_) & mask_);
  }

  /// The field's bits in place within a register value.
  [[nodiscard]] constexpr T shifted_mask() const noexcept {
    return static_cast<T>(mask_ << shift_);
  }

private:
  static constexpr T mask_of(unsigned width) noexcept {
    return width >= std::numeric_limits<T>::digits
               ? std::numeric_limits<T>::max()
               : static_cast<T>((T{1} << width) - 1);
  }

  unsigned shift_;
  T mask_;
};

/// The `Bits` tag of a register that has no named fields.
struct NoFields {};

} // namespace registers

#endif // LIBRARIES_REGISTERS_FIELD_H
