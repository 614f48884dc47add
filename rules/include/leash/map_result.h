/// MapResult<R>: what the cells' `map` members return for a callable's result.
#ifndef LEASH_MAP_RESULT_H
#define LEASH_MAP_RESULT_H

#include <optional>
#include <type_traits>
#include <utility>

namespace leash {

/// The result of a cell's `map(f)` when `f` returns `R`: `bool` (whether `f`
/// ran) if `R` is `void`, otherwise `std::optional` of `R` with references
/// and cv-qualifiers removed. A reference into a cell therefore never escapes
/// through `map`'s result: the caller gets a copy.
template <typename R>
using MapResult = std::conditional_t<std::is_void_v<R>, bool,
                                     std::optional<std::remove_cvref_t<R>>>;

namespace detail {

/// Runs `f(args...)` and wraps its result as a MapResult.
template <typename F, typename... Args>
constexpr MapResult<std::invoke_result_t<F, Args...>>
invoke_for_map(F &&f, Args &&...args) {
  using R = std::invoke_result_t<F, Args...>;
  if constexpr (std::is_void_v<R>) {
    std::forward<F>(f)(std::forward<Args>(args)...);
    return true;
  } else {
    return MapResult<R>(std::forward<F>(f)(std::forward<Args>(args)...));
  }
}

} // namespace detail

} // namespace leash

#endif // LEASH_MAP_RESULT_H
