/// Arithmetic on Cell<integer> (Tock's NumericCellExt), as free functions.
#ifndef LEASH_NUMERIC_CELL_H
#define LEASH_NUMERIC_CELL_H

#include "cell.h"

#include <concepts>
#include <type_traits>

namespace leash {

/// An integer type that the numeric cell helpers accept (not `bool`).
template <typename T>
concept CellInteger = std::integral<T> && !std::same_as<T, bool>;

namespace detail {

/// `a + b` wrapping modulo 2^N for signed and unsigned T alike (never UB).
template <CellInteger T> constexpr T wrapping_add(T a, T b) noexcept {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
}

/// `a - b` wrapping modulo 2^N for signed and unsigned T alike (never UB).
template <CellInteger T> constexpr T wrapping_subtract(T a, T b) noexcept {
  using U = std::make_unsigned_t<T>;
  return static_cast<T>(static_cast<U>(static_cast<U>(a) - static_cast<U>(b)));
}

} // namespace detail

// All helpers wrap around on overflow, like unsigned arithmetic, for signed
// and unsigned integers alike: they are never undefined behaviour.

/// Adds `amount` to the cell's value.
template <CellInteger T>
constexpr void add(const Cell<T> &cell,
                   std::type_identity_t<T> amount) noexcept {
  cell.set(detail::wrapping_add(cell.get(), amount));
}

/// Subtracts `amount` from the cell's value.
template <CellInteger T>
constexpr void subtract(const Cell<T> &cell,
                        std::type_identity_t<T> amount) noexcept {
  cell.set(detail::wrapping_subtract(cell.get(), amount));
}

/// Adds one to the cell's value.
template <CellInteger T>
constexpr void increment(const Cell<T> &cell) noexcept {
  add(cell, T{1});
}

/// Subtracts one from the cell's value.
template <CellInteger T>
constexpr void decrement(const Cell<T> &cell) noexcept {
  subtract(cell, T{1});
}

/// Adds `amount` to the cell's value and returns the value before.
template <CellInteger T>
constexpr T get_and_add(const Cell<T> &cell,
                        std::type_identity_t<T> amount) noexcept {
  return cell.replace(detail::wrapping_add(cell.get(), amount));
}

/// Subtracts `amount` from the cell's value and returns the value before.
template <CellInteger T>
constexpr T get_and_subtract(const Cell<T> &cell,
                             std::type_identity_t<T> amount) noexcept {
  return cell.replace(detail::wrapping_subtract(cell.get(), amount));
}

/// Adds one to the cell's value and returns the value before (`i++`).
template <CellInteger T>
constexpr T get_and_increment(const Cell<T> &cell) noexcept {
  return get_and_add(cell, T{1});
}

/// Subtracts one from the cell's value and returns the value before (`i--`).
template <CellInteger T>
constexpr T get_and_decrement(const Cell<T> &cell) noexcept {
  return get_and_subtract(cell, T{1});
}

} // namespace leash

#endif // LEASH_NUMERIC_CELL_H
