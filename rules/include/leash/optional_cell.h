/// OptionalCell<T>: a Cell that may be empty (Tock's OptionalCell).
#ifndef LEASH_OPTIONAL_CELL_H
#define LEASH_OPTIONAL_CELL_H

#include "annotations.h"
#include "cell.h"
#include "map_result.h"

#include <optional>
#include <type_traits>
#include <utility>

namespace leash {

/// An optional, trivially copyable value that can be read and replaced through
/// a `const` reference (Tock's `OptionalCell`, Rust's `Cell<Option<T>>`).
/// Like Cell it hands out copies only, and is neither copyable nor movable.
template <CellValue T> class LEASH_CELL("optional") OptionalCell {
public:
  /// The type of the value held.
  using value_type = T;

  /// An empty cell.
  constexpr OptionalCell() noexcept = default;
  /// A cell holding `value`.
  constexpr explicit OptionalCell(T value) noexcept
      : value_(value), full_(true) {}

  /// A cell is a place: not copyable (nor movable).
  OptionalCell(const OptionalCell &) = delete;
  OptionalCell &operator=(const OptionalCell &) = delete;

  /// Stores `value`, replacing any value held.
  LEASH_ROLE("put") constexpr void set(T value) const noexcept {
    value_ = value;
    full_ = true;
  }

  /// Empties the cell.
  LEASH_ROLE("clear") constexpr void clear() const noexcept { full_ = false; }

  /// Stores `value` if it holds one, otherwise empties the cell.
  LEASH_ROLE("put")
  constexpr void insert(std::optional<T> value) const noexcept {
    if (value.has_value()) {
      set(*value);
    } else {
      clear();
    }
  }

  /// Stores `value` and returns the value it replaced, if any.
  LEASH_ROLE("replace")
  constexpr std::optional<T> replace(T value) const noexcept {
    std::optional<T> old = get();
    set(value);
    return old;
  }

  /// Returns the value, if any, and leaves the cell empty.
  LEASH_ROLE("take") constexpr std::optional<T> take() const noexcept {
    std::optional<T> old = get();
    clear();
    return old;
  }

  /// Returns a copy of the value, if any; the cell is unchanged.
  LEASH_ROLE("get")
  [[nodiscard]] constexpr std::optional<T> get() const noexcept {
    if (!full_) {
      return std::nullopt;
    }
    return value_;
  }

  /// Whether the cell holds a value.
  LEASH_ROLE("test_full")
  [[nodiscard]] constexpr bool is_some() const noexcept { return full_; }

  /// Whether the cell is empty.
  LEASH_ROLE("test_empty")
  [[nodiscard]] constexpr bool is_none() const noexcept { return !full_; }

  /// Whether the cell holds a value equal to `value`.
  [[nodiscard]] constexpr bool contains(const T &value) const
    requires std::equality_comparable<T>
  {
    return full_ && value_ == value;
  }

  /// Returns the value, or `fallback` if the cell is empty.
  LEASH_ROLE("get")
  [[nodiscard]] constexpr T unwrap_or(T fallback) const noexcept {
    return full_ ? value_ : fallback;
  }

  /// Runs `f` with a copy of the value, if any, and returns its result as a
  /// MapResult (`bool` for a void `f`, else `std::optional`). On an empty
  /// cell `f` does not run. `f` may freely use this cell: it works on a copy.
  template <typename F>
    requires std::is_invocable_v<F, T>
  LEASH_ROLE("lend") constexpr MapResult<std::invoke_result_t<F, T>> map(
      F &&f) const {
    if (!full_) {
      return MapResult<std::invoke_result_t<F, T>>{};
    }
    return detail::invoke_for_map(std::forward<F>(f), T(value_));
  }

  /// Runs `f` with a copy of the value and returns its result, or returns
  /// `fallback` (without running `f`) if the cell is empty.
  template <typename R, typename F>
    requires std::is_invocable_r_v<R, F, T>
  LEASH_ROLE("lend") constexpr R map_or(R fallback, F &&f) const {
    if (!full_) {
      return fallback;
    }
    return std::forward<F>(f)(T(value_));
  }

private:
  mutable T value_{};
  mutable bool full_ = false;
};

} // namespace leash

#endif // LEASH_OPTIONAL_CELL_H
