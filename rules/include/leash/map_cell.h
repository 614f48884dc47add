/// MapCell<T>: a value held in place and lent out to one callable at a time.
#ifndef LEASH_MAP_CELL_H
#define LEASH_MAP_CELL_H

#include "annotations.h"
#include "map_result.h"
#include "violation.h"

#include <optional>
#include <type_traits>
#include <utility>

namespace leash {

/// A cell holding a `T` in place, empty, full or borrowed (Tock's `MapCell`).
/// The value is reached only through `map`, which marks the cell borrowed
/// while its callable runs with `T&`. Any access to the cell from inside that
/// callable (`map`, `take`, `put`, `replace`) is re-entrant: it reports
/// MapCellReentered and is refused. All members are `const`; a cell is
/// neither copyable nor movable.
template <typename T> class LEASH_CELL("map") MapCell {
  static_assert(!std::is_reference_v<T>, "MapCell holds values");
  static_assert(std::is_move_constructible_v<T>, "MapCell moves its value");

public:
  /// The type of the value held.
  using value_type = T;

  /// An empty cell.
  constexpr MapCell() noexcept = default;
  /// A full cell holding `value`.
  constexpr explicit MapCell(T value) noexcept(
      std::is_nothrow_move_constructible_v<T>)
      : value_(std::move(value)) {}

  /// A cell is a place: not copyable (nor movable).
  MapCell(const MapCell &) = delete;
  MapCell &operator=(const MapCell &) = delete;

  /// Whether the cell holds a value (also while it is lent out by `map`).
  LEASH_ROLE("test_full")
  [[nodiscard]] constexpr bool is_some() const noexcept {
    return value_.has_value();
  }

  /// Whether the cell is empty.
  LEASH_ROLE("test_empty")
  [[nodiscard]] constexpr bool is_none() const noexcept {
    return !value_.has_value();
  }

  /// Moves the value out, leaving the cell empty; nothing if it was empty.
  /// Refused inside `map` (reports MapCellReentered, returns nothing).
  LEASH_ROLE("take") constexpr std::optional<T> take() const {
    if (reentered("MapCell::take inside its own map")) {
      return std::nullopt;
    }
    std::optional<T> old = std::move(value_);
    value_.reset();
    return old;
  }

  /// Stores `value`, destroying any value held. Refused inside `map`
  /// (reports MapCellReentered; `value` is destroyed, the cell unchanged).
  LEASH_ROLE("put") constexpr void put(T value) const {
    if (reentered("MapCell::put inside its own map")) {
      return;
    }
    value_.emplace(std::move(value));
  }

  /// Stores `value` and returns the value it replaced, if any. Refused
  /// inside `map` (reports MapCellReentered, leaves the cell unchanged and
  /// hands `value` back as the result, so nothing is lost).
  LEASH_ROLE("replace") constexpr std::optional<T> replace(T value) const {
    if (reentered("MapCell::replace inside its own map")) {
      return std::optional<T>(std::move(value));
    }
    std::optional<T> old = std::move(value_);
    value_.emplace(std::move(value));
    return old;
  }

  /// Runs `f(T&)` on the value held and returns its result as a MapResult;
  /// on an empty cell `f` does not run. Refused inside another `map` on this
  /// cell (reports MapCellReentered; `f` does not run). `f` must not throw.
  template <typename F>
    requires std::is_invocable_v<F, T &>
  LEASH_ROLE("lend") constexpr MapResult<std::invoke_result_t<F, T &>> map(
      F &&f) const {
    if (reentered("MapCell::map inside its own map") || !value_.has_value()) {
      return MapResult<std::invoke_result_t<F, T &>>{};
    }
    borrowed_ = true;
    auto result = detail::invoke_for_map(std::forward<F>(f), *value_);
    borrowed_ = false;
    return result;
  }

  /// Like `map`, but returns `f`'s result directly, or `fallback` (without
  /// running `f`) if the cell is empty or the access is refused.
  template <typename R, typename F>
    requires std::is_invocable_r_v<R, F, T &>
  LEASH_ROLE("lend") constexpr R map_or(R fallback, F &&f) const {
    if (reentered("MapCell::map_or inside its own map") ||
        !value_.has_value()) {
      return fallback;
    }
    borrowed_ = true;
    R result = std::forward<F>(f)(*value_);
    borrowed_ = false;
    return result;
  }

private:
  /// Reports and returns true if the value is currently lent out by `map`.
  constexpr bool reentered(const char *message) const noexcept {
    if (!borrowed_) {
      return false;
    }
    violation_hook(Violation::MapCellReentered, message);
    return true;
  }

  mutable std::optional<T> value_;
  mutable bool borrowed_ = false;
};

} // namespace leash

#endif // LEASH_MAP_CELL_H
