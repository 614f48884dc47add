/// ByteQueue: a fixed-capacity first-in first-out ring of bytes.
#ifndef CAPSULES_BYTE_QUEUE_H
#define CAPSULES_BYTE_QUEUE_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace capsules {

/// A ring buffer of up to `capacity` bytes, held in place (no heap). Plain
/// data: a component keeps one inside a MapCell and changes it in `map`.
template <std::size_t capacity> class ByteQueue {
  static_assert(capacity > 0, "a queue holds at least one byte");

public:
  /// How many bytes are queued.
  [[nodiscard]] constexpr std::size_t size() const { return size_; }
  /// Whether no byte is queued.
  [[nodiscard]] constexpr bool is_empty() const { return size_ == 0; }
  /// How many more bytes fit.
  [[nodiscard]] constexpr std::size_t free_space() const {
    return capacity - size_;
  }

  /// Appends `byte`; returns false (and drops it) if the queue is full.
  constexpr bool push(std::uint8_t byte) {
    if (size_ == capacity) {
      return false;
    }
    bytes_[(head_ + size_) % capacity] = byte;
    ++size_;
    return true;
  }

  /// The byte `offset` places from the front, left in the queue; nothing if
  /// fewer bytes are queued.
  [[nodiscard]] constexpr std::optional<std::uint8_t>
  peek(std::size_t offset) const {
    if (offset >= size_) {
      return std::nullopt;
    }
    return bytes_[(head_ + offset) % capacity];
  }

  /// Removes the first `count` bytes (all of them if fewer are queued).
  constexpr void discard(std::size_t count) {
    if (count > size_) {
      count = size_;
    }
    head_ = (head_ + count) % capacity;
    size_ -= count;
  }

private:
  std::array<std::uint8_t, capacity> bytes_{};
  /// Where the first byte is.
  std::size_t head_ = 0;
  /// How many bytes follow it.
  std::size_t size_ = 0;
};

} // namespace capsules

#endif // CAPSULES_BYTE_QUEUE_H
