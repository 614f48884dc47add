/// LocalCopy: a register value read once, then examined field by field.
#ifndef LIBRARIES_REGISTERS_LOCAL_COPY_H
#define LIBRARIES_REGISTERS_LOCAL_COPY_H

#include "libraries/registers/field.h"

#include <type_traits>

namespace registers {

/// A copy of one register's value in an ordinary variable (tock-registers'
/// `LocalRegisterCopy`). Read a register once with `extract()` and test
/// several fields of the same snapshot, which matters for status registers
/// whose bits change under the driver's feet.
template <RegisterValue T, typename Bits> class LocalCopy {
public:
  /// A copy holding `value`.
  constexpr explicit LocalCopy(T value) noexcept : value_(value) {}

  /// The whole value.
  [[nodiscard]] constexpr T get() const noexcept { return value_; }

  /// The contents of `field`, as a number.
  template <typename Value>
  [[nodiscard]] constexpr T read(Field<T, Bits, Value> field) const noexcept {
    return field.extract(value_);
  }

  /// The contents of `field` as its enumeration. Every bit pattern is a
  /// value of the enumeration (its underlying type is fixed), so a pattern
  /// the datasheet calls reserved comes back as an unnamed value: switch over
  /// the result with a `default`.
  template <typename Value>
    requires std::is_enum_v<Value>
  [[nodiscard]] constexpr Value
  read_as_enum(Field<T, Bits, Value> field) const noexcept {
    return static_cast<Value>(field.extract(value_));
  }

  /// Whether any bit of `field` is set.
  template <typename Value>
  [[nodiscard]] constexpr bool
  is_set(Field<T, Bits, Value> field) const noexcept {
    return field.extract(value_) != 0;
  }

  /// Whether every field that `expected` covers holds the value it gives.
  [[nodiscard]] constexpr bool
  matches_all(FieldValue<T, Bits> expected) const noexcept {
    return expected.matches(value_);
  }

  /// A copy with the fields that `change` covers replaced.
  [[nodiscard]] constexpr LocalCopy
  modified(FieldValue<T, Bits> change) const noexcept {
    return LocalCopy(change.applied_to(value_));
  }

private:
  T value_;
};

} // namespace registers

#endif // LIBRARIES_REGISTERS_LOCAL_COPY_H
