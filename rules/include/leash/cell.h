/// Cell<T>: a copyable value that is read and replaced through `const`.
#ifndef LEASH_CELL_H
#define LEASH_CELL_H

#include "annotations.h"

#include <concepts>
#include <type_traits>

namespace leash {

/// A type that a Cell or an OptionalCell may hold: trivially copyable (Rust's
/// `Copy`), so reading it never runs code and never exposes a reference.
template <typename T>
concept CellValue = std::is_trivially_copyable_v<T> && !std::is_const_v<T> &&
                    !std::is_volatile_v<T>;

/// A value that can be read and replaced through a shared (`const`)
/// reference (Rust's `core::cell::Cell`). It hands out copies, never
/// references, so no alias into it can exist. A cell is a place, not a value:
/// it is neither copyable nor movable; copy its value with `get()`.
template <CellValue T> class LEASH_CELL("cell") Cell {
public:
  /// The type of the value held.
  using value_type = T;

  /// A cell holding a value-initialized `T` (zero for arithmetic types).
  constexpr Cell() noexcept = default;
  /// A cell holding `value`.
  constexpr explicit Cell(T value) noexcept : value_(value) {}

  /// A cell is a place: not copyable (nor movable).
  Cell(const Cell &) = delete;
  Cell &operator=(const Cell &) = delete;

  /// Returns a copy of the value.
  LEASH_ROLE("get") [[nodiscard]] constexpr T get() const noexcept {
    return value_;
  }

  /// Stores `value`.
  LEASH_ROLE("put") constexpr void set(T value) const noexcept {
    value_ = value;
  }

  /// Stores `value` and returns the value it replaced.
  LEASH_ROLE("replace") constexpr T replace(T value) const noexcept {
    T old = value_;
    value_ = value;
    return old;
  }

  /// Returns the value and leaves a value-initialized `T{}` in its place.
  LEASH_ROLE("take")
  constexpr T take() const noexcept
    requires std::default_initializable<T>
  {
    return replace(T{});
  }

  /// Exchanges the values of two cells (a no-op when both are the same cell).
  LEASH_ROLE("swap") constexpr void swap(const Cell &other) const noexcept {
    T mine = value_;
    value_ = other.value_;
    other.value_ = mine;
  }

private:
  mutable T value_{};
};

} // namespace leash

#endif // LEASH_CELL_H
