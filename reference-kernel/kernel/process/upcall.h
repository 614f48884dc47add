/// Upcalls: the functions a process subscribed, and the calls due to them.
#ifndef KERNEL_PROCESS_UPCALL_H
#define KERNEL_PROCESS_UPCALL_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace kernel::process {

/// Which upcall of which driver.
struct UpcallSlot {
  /// The driver's number.
  std::uint32_t driver = 0;
  /// The driver's subscribe number.
  std::uint32_t number = 0;

  /// Whether both name the same slot.
  friend constexpr bool operator==(UpcallSlot, UpcallSlot) = default;
};

/// A subscription: the process's function and its user data.
struct Subscription {
  /// The slot.
  UpcallSlot slot;
  /// The function's address (0: none, the null upcall).
  std::uint32_t function = 0;
  /// The value passed in r3.
  std::uint32_t user_data = 0;
};

/// An upcall due to a process: the function, its three arguments and the
/// user data (r0..r3 when it runs).
struct Upcall {
  /// The slot it came from (to drop it when the process subscribes anew).
  UpcallSlot slot;
  /// The function's address.
  std::uint32_t function = 0;
  /// r0..r2.
  std::array<std::uint32_t, 3> arguments{};
  /// r3.
  std::uint32_t user_data = 0;
};

/// A process's due upcalls, oldest first, in a fixed ring: when it is
/// full, a new upcall is refused (the driver is told) rather than an old one
/// lost.
class UpcallQueue {
public:
  /// How many upcalls may wait at once.
  static constexpr std::size_t capacity = 8;

  /// Queues `upcall`; false when full.
  constexpr bool push(const Upcall &upcall) {
    if (count_ == capacity) {
      return false;
    }
    entries_[(first_ + count_) % capacity] = upcall;
    ++count_;
    return true;
  }
  /// The oldest upcall, removed; nothing when empty.
  constexpr std::optional<Upcall> pop() {
    if (count_ == 0) {
      return std::nullopt;
    }
    const Upcall upcall = entries_[first_];
    first_ = (first_ + 1) % capacity;
    --count_;
    return upcall;
  }
  /// Drops every upcall of `slot` (its subscription changed: TRD104 says
  /// queued upcalls of the old function are not delivered).
  constexpr void remove(UpcallSlot slot) {
    std::size_t kept = 0;
    for (std::size_t index = 0; index < count_; ++index) {
      const Upcall upcall = entries_[(first_ + index) % capacity];
      if (!(upcall.slot == slot)) {
        entries_[(first_ + kept) % capacity] = upcall;
        ++kept;
      }
    }
    count_ = kept;
  }
  /// How many wait.
  [[nodiscard]] constexpr std::size_t size() const { return count_; }
  /// Drops all.
  constexpr void clear() { count_ = 0; }

private:
  /// The ring.
  std::array<Upcall, capacity> entries_{};
  /// Where the oldest is.
  std::size_t first_ = 0;
  /// How many there are.
  std::size_t count_ = 0;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_UPCALL_H
