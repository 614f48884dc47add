// A project's own vocabulary, for the rule cases named user-vocabulary.cpp:
// a lease, cells, an optional-like wrapper and a list that do what leash's
// do under other member names, and say so with LEASH_ROLE. The checker must
// treat them exactly as the vocabulary's own.
#ifndef LEASH_TESTDATA_USER_VOCABULARY_H
#define LEASH_TESTDATA_USER_VOCABULARY_H

#include <leash/annotations.h>

#include <cstddef>
#include <utility>

namespace project {

/// A DMA buffer handle (leash::Lease): `empty()` instead of `is_empty()`.
template <typename T> class LEASH_LEASE Buffer {
public:
  Buffer() noexcept = default;
  template <std::size_t N> static Buffer over(T (&array)[N]) noexcept {
    return Buffer(array, N);
  }
  Buffer(const Buffer &) = delete;
  Buffer &operator=(const Buffer &) = delete;
  Buffer(Buffer &&other) noexcept : data_(other.data_), size_(other.size_) {
    other.data_ = nullptr;
    other.size_ = 0;
  }
  Buffer &operator=(Buffer &&other) noexcept {
    data_ = other.data_;
    size_ = other.size_;
    other.data_ = nullptr;
    other.size_ = 0;
    return *this;
  }

  LEASH_ROLE("test_empty") bool empty() const noexcept {
    return data_ == nullptr;
  }
  std::size_t length() const noexcept { return size_; }
  T &operator[](std::size_t index) noexcept { return data_[index]; }

private:
  Buffer(T *data, std::size_t size) noexcept : data_(data), size_(size) {}

  T *data_ = nullptr;
  std::size_t size_ = 0;
};

/// An optional-like wrapper (std::optional): `present()`, `get_ref()`,
/// `drop()`, `fill()`.
template <typename T> class Maybe {
public:
  Maybe() noexcept = default;
  Maybe(T value) noexcept : value_(std::move(value)), full_(true) {}
  Maybe(Maybe &&) noexcept = default;
  Maybe &operator=(Maybe &&) noexcept = default;

  LEASH_ROLE("test_full") bool present() const noexcept { return full_; }
  LEASH_ROLE("test_full") explicit operator bool() const noexcept {
    return full_;
  }
  LEASH_ROLE("unwrap") T &get_ref() noexcept { return value_; }
  LEASH_ROLE("clear") void drop() noexcept {
    value_ = T();
    full_ = false;
  }
  LEASH_ROLE("put") void fill(T value) noexcept {
    value_ = std::move(value);
    full_ = true;
  }
  T &operator*() noexcept { return value_; }

private:
  T value_{};
  bool full_ = false;
};

/// A cell holding a handle in place (leash::TakeCell): `give`, `reclaim`,
/// `exchange`, `holding`, `vacant`, `lend`, `lend_or`.
template <typename T> class LEASH_CELL("take") Slot {
public:
  Slot() noexcept = default;
  Slot(const Slot &) = delete;
  Slot &operator=(const Slot &) = delete;

  LEASH_ROLE("take") T reclaim() const noexcept { return std::move(value_); }
  LEASH_ROLE("put") void give(T value) const noexcept {
    value_ = std::move(value);
  }
  LEASH_ROLE("replace") T exchange(T value) const noexcept {
    T old = std::move(value_);
    value_ = std::move(value);
    return old;
  }
  LEASH_ROLE("test_full") bool holding() const noexcept {
    return !value_.empty();
  }
  LEASH_ROLE("test_empty") bool vacant() const noexcept {
    return value_.empty();
  }
  template <typename F> LEASH_ROLE("lend") void lend(F &&f) const {
    T value = reclaim();
    if (!value.empty())
      f(value);
    value_ = std::move(value);
  }
  template <typename R, typename F>
  LEASH_ROLE("lend") R lend_or(R fallback, F &&f) const {
    T value = reclaim();
    if (value.empty())
      return fallback;
    R result = f(value);
    value_ = std::move(value);
    return result;
  }

private:
  mutable T value_{};
};

/// A cell holding a value in place (leash::MapCell): `with`, `store`,
/// `claim` (which returns the value in a Maybe), `swap_in`.
template <typename T> class LEASH_CELL("map") Guarded {
public:
  Guarded() noexcept = default;
  explicit Guarded(T value) noexcept : value_(std::move(value)), full_(true) {}
  Guarded(const Guarded &) = delete;
  Guarded &operator=(const Guarded &) = delete;

  template <typename F> LEASH_ROLE("lend") void with(F &&f) const {
    if (full_)
      f(value_);
  }
  LEASH_ROLE("take") Maybe<T> claim() const noexcept {
    if (!full_)
      return Maybe<T>();
    full_ = false;
    return Maybe<T>(std::move(value_));
  }
  LEASH_ROLE("put") void store(T value) const noexcept {
    value_ = std::move(value);
    full_ = true;
  }
  LEASH_ROLE("replace") Maybe<T> swap_in(T value) const noexcept {
    Maybe<T> old = claim();
    store(std::move(value));
    return old;
  }

private:
  mutable T value_{};
  mutable bool full_ = false;
};

/// A copyable value read and written through const (leash::Cell):
/// `read`, `write`.
template <typename T> class LEASH_CELL("cell") Value {
public:
  constexpr Value() noexcept = default;
  Value(const Value &) = delete;
  Value &operator=(const Value &) = delete;

  LEASH_ROLE("get") T read() const noexcept { return value_; }
  LEASH_ROLE("put") void write(T value) const noexcept { value_ = value; }

private:
  mutable T value_{};
};

/// An intrusive list (leash::List): `insert_front`, `append`. A node
/// gives its link with `chain_next()`.
template <typename T> class LEASH_CELL("list") Chain {
public:
  constexpr Chain() noexcept = default;
  Chain(const Chain &) = delete;
  Chain &operator=(const Chain &) = delete;

  LEASH_ROLE("link") void insert_front(const T &node) const noexcept {
    node.chain_next().write(head_.read());
    head_.write(&node);
  }
  LEASH_ROLE("link") void append(const T &node) const noexcept {
    node.chain_next().write(nullptr);
    head_.write(&node);
  }
  LEASH_ROLE("test_empty") bool vacant() const noexcept {
    return head_.read() == nullptr;
  }

private:
  Value<const T *> head_;
};

} // namespace project

#endif // LEASH_TESTDATA_USER_VOCABULARY_H
