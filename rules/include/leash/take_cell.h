/// TakeCell<T>: a unique reference, or an owning handle, that can be taken out.
#ifndef LEASH_TAKE_CELL_H
#define LEASH_TAKE_CELL_H

#include "annotations.h"
#include "map_result.h"
#include "violation.h"

#include <concepts>
#include <type_traits>
#include <utility>

namespace leash {

/// A move-only value that stands for a unique resource and has an empty state,
/// such as a Lease. It opts in with `static constexpr bool
/// leash_owning_handle = true;`, is empty when default-constructed, and a
/// move leaves the source empty. TakeCell holds such a value in place.
template <typename T>
concept OwningHandle =
    requires { requires T::leash_owning_handle; } &&
    std::default_initializable<T> && std::is_nothrow_move_constructible_v<T> &&
    std::is_nothrow_move_assignable_v<T> && requires(const T &handle) {
      { handle.is_empty() } -> std::same_as<bool>;
    };

/// A cell holding a unique reference to a `T` (Tock's `TakeCell<'a, T>`,
/// which holds `&'a mut T`), stored as a `T*` that is null when the cell is
/// empty. The reference is used by taking it out (`take`, or `map` which lends
/// it to a callable and puts it back), so at most one user holds it at a time.
/// All members are `const`; a cell is neither copyable nor movable.
///
/// For an OwningHandle `T` (such as `Lease<uint8_t>`) the specialization below
/// holds the value itself instead of a pointer.
template <typename T> class LEASH_CELL("take") TakeCell {
public:
  /// The type the held reference refers to.
  using value_type = T;

  /// An empty cell.
  constexpr TakeCell() noexcept = default;
  /// A cell holding `value` (empty if `value` is null).
  constexpr explicit TakeCell(T *value) noexcept : value_(value) {}

  /// A cell is a place: not copyable (nor movable).
  TakeCell(const TakeCell &) = delete;
  TakeCell &operator=(const TakeCell &) = delete;

  /// Takes the reference out, leaving the cell empty; null if it was empty.
  LEASH_ROLE("take") constexpr T *take() const noexcept {
    return replace(nullptr);
  }

  /// Stores `value` (null empties the cell), dropping any reference held.
  LEASH_ROLE("put") constexpr void put(T *value) const noexcept {
    value_ = value;
  }

  /// Stores `value` and returns the reference it replaced (null if none).
  LEASH_ROLE("replace") constexpr T *replace(T *value) const noexcept {
    T *old = value_;
    value_ = value;
    return old;
  }

  /// Whether the cell holds a reference.
  LEASH_ROLE("test_full")
  [[nodiscard]] constexpr bool is_some() const noexcept {
    return value_ != nullptr;
  }

  /// Whether the cell is empty.
  LEASH_ROLE("test_empty")
  [[nodiscard]] constexpr bool is_none() const noexcept {
    return value_ == nullptr;
  }

  /// Takes the reference out, runs `f(T&)` with it, and puts it back; returns
  /// `f`'s result as a MapResult. On an empty cell `f` does not run (and a
  /// nested `map` on this cell inside `f` finds it empty). If `f` refills
  /// this cell (`put`, `replace`), map reports TakeCellRefilledDuringMap and
  /// keeps the new value rather than overwriting it. `f` must not throw.
  template <typename F>
    requires std::is_invocable_v<F, T &>
  LEASH_ROLE("lend") constexpr MapResult<std::invoke_result_t<F, T &>> map(
      F &&f) const {
    T *value = take();
    if (value == nullptr) {
      return MapResult<std::invoke_result_t<F, T &>>{};
    }
    auto result = detail::invoke_for_map(std::forward<F>(f), *value);
    put_back(value);
    return result;
  }

  /// Like `map`, but returns `f`'s result directly, or `fallback` (without
  /// running `f`) if the cell is empty.
  template <typename R, typename F>
    requires std::is_invocable_r_v<R, F, T &>
  LEASH_ROLE("lend") constexpr R map_or(R fallback, F &&f) const {
    T *value = take();
    if (value == nullptr) {
      return fallback;
    }
    R result = std::forward<F>(f)(*value);
    put_back(value);
    return result;
  }

private:
  /// Puts back the reference that `map` lent out, unless `f` refilled us.
  constexpr void put_back(T *value) const noexcept {
    if (value_ != nullptr) {
      violation_hook(Violation::TakeCellRefilledDuringMap,
                     "TakeCell refilled inside its own map");
      return;
    }
    value_ = value;
  }

  mutable T *value_ = nullptr;
};

/// A cell holding an owning handle `T` (such as `Lease<uint8_t>`) in place;
/// the cell is full when the handle is not empty. The same members as the
/// reference form, taking and returning handles by value: `take` moves the
/// handle out (an empty handle if the cell was empty), and `map` lends the
/// handle to its callable as `T&`. A handle that `put` pushes out, or that
/// `map` cannot put back, is destroyed, which for a full lease reports
/// LeaseDroppedWhileFull.
template <OwningHandle T> class LEASH_CELL("take") TakeCell<T> {
public:
  /// The type of the handle held.
  using value_type = T;

  /// An empty cell.
  constexpr TakeCell() noexcept = default;
  /// A cell holding `value` (empty if `value` is empty).
  constexpr explicit TakeCell(T value) noexcept : value_(std::move(value)) {}

  /// A cell is a place: not copyable (nor movable).
  TakeCell(const TakeCell &) = delete;
  TakeCell &operator=(const TakeCell &) = delete;

  /// Moves the handle out, leaving the cell empty; an empty handle if the
  /// cell was empty. Discarding the result loses the resource.
  LEASH_ROLE("take") [[nodiscard]] constexpr T take() const noexcept {
    return std::move(value_);
  }

  /// Stores `value` (an empty handle empties the cell). A handle already held
  /// is destroyed: put into a full cell only on purpose.
  LEASH_ROLE("put") constexpr void put(T value) const noexcept {
    value_ = std::move(value);
  }

  /// Stores `value` and returns the handle it replaced (empty if none).
  LEASH_ROLE("replace")
  [[nodiscard]] constexpr T replace(T value) const noexcept {
    T old = std::move(value_);
    value_ = std::move(value);
    return old;
  }

  /// Whether the cell holds a (non-empty) handle.
  LEASH_ROLE("test_full")
  [[nodiscard]] constexpr bool is_some() const noexcept {
    return !value_.is_empty();
  }

  /// Whether the cell is empty.
  LEASH_ROLE("test_empty")
  [[nodiscard]] constexpr bool is_none() const noexcept {
    return value_.is_empty();
  }

  /// Moves the handle out, runs `f(T&)` with it, and moves it back; returns
  /// `f`'s result as a MapResult. On an empty cell `f` does not run. If `f`
  /// refills this cell, map reports TakeCellRefilledDuringMap, keeps the new
  /// handle and destroys the one it lent out. `f` must not throw.
  template <typename F>
    requires std::is_invocable_v<F, T &>
  LEASH_ROLE("lend") constexpr MapResult<std::invoke_result_t<F, T &>> map(
      F &&f) const {
    T value = take();
    if (value.is_empty()) {
      return MapResult<std::invoke_result_t<F, T &>>{};
    }
    auto result = detail::invoke_for_map(std::forward<F>(f), value);
    put_back(std::move(value));
    return result;
  }

  /// Like `map`, but returns `f`'s result directly, or `fallback` (without
  /// running `f`) if the cell is empty.
  template <typename R, typename F>
    requires std::is_invocable_r_v<R, F, T &>
  LEASH_ROLE("lend") constexpr R map_or(R fallback, F &&f) const {
    T value = take();
    if (value.is_empty()) {
      return fallback;
    }
    R result = std::forward<F>(f)(value);
    put_back(std::move(value));
    return result;
  }

private:
  /// Moves back the handle that `map` lent out, unless `f` refilled us.
  constexpr void put_back(T &&value) const noexcept {
    if (!value_.is_empty()) {
      violation_hook(Violation::TakeCellRefilledDuringMap,
                     "TakeCell refilled inside its own map");
      return; // `value` is destroyed by the caller.
    }
    value_ = std::move(value);
  }

  mutable T value_{};
};

} // namespace leash

#endif // LEASH_TAKE_CELL_H
