/// Instantiates every vocabulary header the way kernel code uses it.
// Compiled by itself (no link) with arm-none-eabi-g++ and the host compiler,
// freestanding and with -Werror, and also linked into the host tests. It
// follows the discipline's worked example: a split-phase DMA transmit.
#include "leash/leash.h"

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace leash_all_headers {

// Without debug checks, leases and the cells holding them are trivially
// destructible: statics holding them register no destructor at exit.
static_assert(std::is_trivially_destructible_v<leash::Lease<std::uint8_t>> ==
              !leash::debug_checks);
static_assert(std::is_trivially_destructible_v<
                  leash::TakeCell<leash::Lease<std::uint8_t>>> ==
              !leash::debug_checks);

using leash::Cell;
using leash::Lease;
using leash::List;
using leash::ListLink;
using leash::MapCell;
using leash::OptionalCell;
using leash::TakeCell;

/// A driver that owns the buffer while the (pretend) DMA engine runs.
class LEASH_COMPONENT Uart {
public:
  /// Starts a transfer of `length` bytes; refused transfers hand the lease
  /// back.
  Lease<std::uint8_t> transmit(Lease<std::uint8_t> buffer,
                               std::size_t length) const {
    if (in_flight_.is_some()) {
      return buffer;
    }
    buffer.slice(0, length);
    start_dma(buffer);
    in_flight_.put(std::move(buffer));
    return Lease<std::uint8_t>();
  }

  /// The bottom half: hands the finished buffer back.
  [[nodiscard]] Lease<std::uint8_t> finish() const { return in_flight_.take(); }

  /// The top half: acknowledge only.
  LEASH_INTERRUPT void on_interrupt() const { events_.set(true); }

  /// A node of the kernel's list of drivers.
  const ListLink<Uart> &list_link() const { return link_; }

private:
  LEASH_UNSAFE("writes the DMA pointer register")
  void start_dma(Lease<std::uint8_t> &buffer) const {
    dma_pointer_.set(reinterpret_cast<std::uintptr_t>(buffer.raw_data()));
  }

  LEASH_IN_FLIGHT TakeCell<Lease<std::uint8_t>> in_flight_;
  Cell<bool> events_;
  Cell<std::uintptr_t> dma_pointer_;
  ListLink<Uart> link_;
};

/// A capsule keeping its idle transmit buffer in a TakeCell.
class LEASH_COMPONENT Console {
public:
  /// Creates the console around its (only) transmit lease.
  Console(const Uart &uart, Lease<std::uint8_t> buffer)
      : uart_(uart), idle_(std::move(buffer)) {}

  /// Sends `byte`; returns whether the transfer started.
  bool send(std::uint8_t byte) const {
    Lease<std::uint8_t> buffer = idle_.take();
    if (buffer.is_empty()) {
      return false;
    }
    buffer.reset();
    buffer[0] = byte;
    Lease<std::uint8_t> refused = uart_.transmit(std::move(buffer), 1);
    bool started = refused.is_empty();
    if (!started) {
      idle_.put(std::move(refused));
    }
    leash::increment(sent_);
    return started;
  }

  /// The transfer finished: back to the idle cell.
  void transmitted(Lease<std::uint8_t> buffer) const {
    idle_.put(std::move(buffer));
  }

  /// Sums the idle buffer's bytes, if it is idle.
  unsigned checksum() const {
    return idle_.map_or(0u, [](Lease<std::uint8_t> &buffer) {
      unsigned sum = 0;
      for (std::uint8_t byte : buffer) {
        sum += byte;
      }
      return sum;
    });
  }

private:
  const Uart &uart_;
  TakeCell<Lease<std::uint8_t>> idle_;
  Cell<std::uint32_t> sent_;
};

/// Something with state lent out through a MapCell.
struct LEASH_STATIC_ONLY Counters {
  /// A plain counter.
  int ticks = 0;
};

/// Exercises the remaining cells and the list.
int exercise(const Uart &uart, const List<Uart> &drivers,
             const MapCell<Counters> &counters, const OptionalCell<int> &last,
             const TakeCell<int> &shared) {
  drivers.push_tail(uart);
  int total = 0;
  for (const Uart &driver : drivers) {
    driver.on_interrupt();
    ++total;
  }
  (void)drivers.remove(uart);
  counters.map([](Counters &value) { ++value.ticks; });
  last.set(total);
  total += last.map([](int value) { return value * 2; }).value_or(0);
  total += shared.map_or(0, [](int &value) { return ++value; });
  LEASH_UNSAFE_BLOCK("a volatile access, for the spelling's sake") {
    volatile int scratch = total;
    total = scratch;
  }
  return total;
}

} // namespace leash_all_headers
