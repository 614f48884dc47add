/// Lease<T>: the one owning, move-only handle to a static buffer (a DMA lease).
#ifndef LEASH_LEASE_H
#define LEASH_LEASE_H

#include "annotations.h"
#include "violation.h"

#include <cstddef>
#include <iterator>
#include <type_traits>

namespace leash {

/// The owning, move-only handle to a buffer of `T` in static storage, which
/// may be given to hardware (Rust's `&'static mut [T]` with the window of
/// Tock's `SubSliceMut`). Exactly one lease exists per buffer: it is created
/// once, at board start-up, from a static array with `Lease::from`, and then
/// only moved. A moved-from lease is empty (owns no buffer).
///
/// The lease has a window, initially the whole buffer: `slice` narrows it,
/// `reset` restores it, and `size`, `operator[]` and iteration see only the
/// window. The buffer's raw address is reachable only through `raw_data`,
/// which is LEASH_UNSAFE_API.
///
/// Destroying or overwriting a lease that still owns its buffer loses the
/// buffer for good; with LEASH_DEBUG_CHECKS it reports LeaseDroppedWhileFull
/// (LEASH_DEBUG_CHECKS must be the same in every translation unit).
template <typename T> class LEASH_LEASE Lease {
  static_assert(std::is_object_v<T> && !std::is_array_v<T>,
                "a lease is a buffer of objects");

  template <typename U> class BasicIterator;

public:
  /// The element type.
  using value_type = T;
  /// The type of sizes and indices.
  using size_type = std::size_t;
  /// Iterates over the window's elements.
  using iterator = BasicIterator<T>;
  /// Iterates over the window's elements, read-only.
  using const_iterator = BasicIterator<const T>;

  /// Marks Lease as an OwningHandle, so that TakeCell holds it in place.
  static constexpr bool leash_owning_handle = true;

  /// An empty lease (owns no buffer).
  constexpr Lease() noexcept = default;

  /// Creates the lease of `array`, whose window is the whole array. Call it
  /// once per array, where the checker allows it (in `main`, in a static
  /// initializer, or in a LEASH_UNSAFE function that runs once).
  template <std::size_t N>
  [[nodiscard]] static constexpr Lease from(T (&array)[N]) noexcept {
    return Lease(array, N);
  }

  /// Not copyable: a buffer has exactly one lease.
  Lease(const Lease &) = delete;
  Lease &operator=(const Lease &) = delete;

  /// Takes over `other`'s buffer and window; `other` becomes empty.
  constexpr Lease(Lease &&other) noexcept
      : base_(other.base_), capacity_(other.capacity_), start_(other.start_),
        end_(other.end_) {
    other.forget();
  }

  /// Takes over `other`'s buffer and window; `other` becomes empty. If this
  /// lease still owned a buffer, that buffer is lost (reported with
  /// LEASH_DEBUG_CHECKS).
  constexpr Lease &operator=(Lease &&other) noexcept {
    if (this != &other) {
      check_not_full("Lease overwritten while it owned a buffer");
      base_ = other.base_;
      capacity_ = other.capacity_;
      start_ = other.start_;
      end_ = other.end_;
      other.forget();
    }
    return *this;
  }

#if LEASH_DEBUG_CHECKS
  /// Reports LeaseDroppedWhileFull if the lease still owns its buffer.
  constexpr ~Lease() {
    check_not_full("Lease destroyed while it owned a buffer");
  }
#endif

  /// Whether the lease owns no buffer (it was moved from, or default made).
  /// An owned buffer with a zero-length window is not empty.
  LEASH_ROLE("test_empty")
  [[nodiscard]] constexpr bool is_empty() const noexcept {
    return base_ == nullptr;
  }

  /// The number of elements in the window.
  [[nodiscard]] constexpr size_type size() const noexcept {
    return end_ - start_;
  }

  /// The number of elements in the whole buffer (0 for an empty lease).
  [[nodiscard]] constexpr size_type capacity() const noexcept {
    return capacity_;
  }

  /// Narrows the window to its elements [`start`, `end`), counted from the
  /// current window's start. Out-of-range values clamp: `end` to `size()`,
  /// then `start` to `end`. Never undefined behaviour.
  constexpr void slice(size_type start, size_type end) noexcept {
    end = end < size() ? end : size();
    start = start < end ? start : end;
    end_ = start_ + end;
    start_ = start_ + start;
  }

  /// Restores the window to the whole buffer.
  constexpr void reset() noexcept {
    start_ = 0;
    end_ = capacity_;
  }

  /// The element at `index` in the window. An index outside the window (or
  /// any index on an empty lease) reports LeaseIndexOutOfRange and returns a
  /// per-type scratch element that belongs to no buffer: the access harms no
  /// memory, and the scratch element's value is meaningless.
  LEASH_UNSAFE("the index is checked against the window")
  constexpr T &operator[](size_type index) noexcept {
    if (!in_window(index)) {
      return scratch_;
    }
    return base_[start_ + index];
  }

  /// The element at `index` in the window, read-only; see the other overload.
  LEASH_UNSAFE("the index is checked against the window")
  constexpr const T &operator[](size_type index) const noexcept {
    if (!in_window(index)) {
      return scratch_;
    }
    return base_[start_ + index];
  }

  /// An iterator to the window's first element.
  constexpr iterator begin() noexcept { return iterator(window(0)); }
  /// An iterator past the window's last element.
  constexpr iterator end() noexcept { return iterator(window(size())); }
  /// A read-only iterator to the window's first element.
  constexpr const_iterator begin() const noexcept {
    return const_iterator(window(0));
  }
  /// A read-only iterator past the window's last element.
  constexpr const_iterator end() const noexcept {
    return const_iterator(window(size()));
  }

  /// The address of the window's first element (null for an empty lease),
  /// to hand to a DMA engine. Calling it is unsafe: the raw alias must not
  /// outlive the statement that gives it to the hardware.
  LEASH_UNSAFE_API constexpr T *raw_data() noexcept { return window(0); }

  /// The address of the window's first element, read-only; see above.
  LEASH_UNSAFE_API constexpr const T *raw_data() const noexcept {
    return window(0);
  }

private:
  constexpr Lease(T *base, size_type capacity) noexcept
      : base_(base), capacity_(capacity), start_(0), end_(capacity) {}

  /// Leaves this lease empty without reporting anything.
  constexpr void forget() noexcept {
    base_ = nullptr;
    capacity_ = start_ = end_ = 0;
  }

  /// Reports LeaseDroppedWhileFull (when debug checks are on) if full.
  constexpr void check_not_full(const char *message) const noexcept {
    if (debug_checks && base_ != nullptr) {
      violation_hook(Violation::LeaseDroppedWhileFull, message);
    }
  }

  /// Reports LeaseIndexOutOfRange unless `index` is inside the window.
  constexpr bool in_window(size_type index) const noexcept {
    if (index < size()) {
      return true;
    }
    violation_hook(Violation::LeaseIndexOutOfRange,
                   "Lease index outside its window");
    return false;
  }

  /// The address `offset` elements into the window (null if empty).
  LEASH_UNSAFE("offset is at most size(), so the result is in or one past "
               "the buffer")
  constexpr T *window(size_type offset) const noexcept {
    return base_ == nullptr ? nullptr : base_ + start_ + offset;
  }

  /// Where out-of-range element accesses go instead of memory.
  static inline T scratch_{};

  T *base_ = nullptr;
  size_type capacity_ = 0;
  size_type start_ = 0;
  size_type end_ = 0;
};

/// A forward iterator over a lease's window; `U` is `T` or `const T`.
template <typename T> template <typename U> class Lease<T>::BasicIterator {
public:
  /// The element type.
  using value_type = std::remove_const_t<U>;
  /// The distance type.
  using difference_type = std::ptrdiff_t;
  /// The iterator category.
  using iterator_category = std::forward_iterator_tag;

  /// A singular iterator.
  constexpr BasicIterator() noexcept = default;

  /// The current element.
  constexpr U &operator*() const noexcept { return *position_; }

  /// Advances to the next element.
  LEASH_UNSAFE("the window bounds the iteration")
  constexpr BasicIterator &operator++() noexcept {
    ++position_;
    return *this;
  }

  /// Advances to the next element, returning the previous position.
  constexpr BasicIterator operator++(int) noexcept {
    BasicIterator previous = *this;
    ++*this;
    return previous;
  }

  /// Whether both iterators are at the same position.
  friend constexpr bool operator==(const BasicIterator &,
                                   const BasicIterator &) noexcept = default;

private:
  friend class Lease;
  constexpr explicit BasicIterator(U *position) noexcept
      : position_(position) {}

  U *position_ = nullptr;
};

} // namespace leash

#endif // LEASH_LEASE_H
