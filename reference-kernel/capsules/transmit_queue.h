/// TransmitQueue: text queued for a UART and sent through one lease.
#ifndef CAPSULES_TRANSMIT_QUEUE_H
#define CAPSULES_TRANSMIT_QUEUE_H

#include "capsules/byte_queue.h"
#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/map_cell.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace capsules {

/// Told when a TransmitQueue has sent everything.
class LEASH_COMPONENT TransmitQueueClient {
public:
  /// Everything written so far has been sent.
  virtual void output_drained() const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~TransmitQueueClient() = default;
};

/// Buffered output over a UART's transmit half (what Tock's console and
/// debug writer each do for themselves): `write` queues text and returns at
/// once, and the queue goes out through one transmit lease, a lease-full at
/// a time, as each transmission ends. Bytes leave the queue only once the
/// UART reports them sent, so a refused request loses none, and the unsent
/// rest of an aborted or failed transmission goes out again, first.
class LEASH_COMPONENT TransmitQueue final
    : public kernel::hil::uart::TransmitClient {
public:
  /// How many bytes can wait for the UART.
  static constexpr std::size_t capacity = 1024;

  /// A queue sending on `uart` through `buffer` (at least one byte). The
  /// board makes it (or its owner, which forwards) the UART's transmit
  /// client.
  TransmitQueue(const kernel::hil::uart::Transmit &uart,
                leash::Lease<std::uint8_t> buffer);

  /// Tells `client` each time the queue has drained.
  void set_client(const TransmitQueueClient &client) const;

  /// Queues `text` and returns how many bytes fit; the rest is dropped (a
  /// writer never blocks the kernel).
  std::size_t write(std::string_view text) const;

  /// Whether everything written has been sent.
  [[nodiscard]] bool is_drained() const;

  /// Empties the queue into `write_bytes` (called with `std::string_view`
  /// pieces, oldest first), for a run that ends without the kernel loop (a
  /// panic): the caller sends them by polling. The bytes of the transmission
  /// handed to the UART are left out when `handed_over_sent` says the caller
  /// saw them sent, and included when they never left (the request waited
  /// behind another one).
  template <typename WriteBytes>
  void take_all(WriteBytes &&write_bytes, bool handed_over_sent) const {
    if (handed_over_sent) {
      queue_.map([this](ByteQueue<capacity> &queue) {
        queue.discard(handed_over_.get());
      });
    }
    handed_over_.set(0);
    std::array<char, 64> piece{};
    for (std::size_t length = copy_front(piece); length != 0;
         length = copy_front(piece)) {
      write_bytes(std::string_view(piece.data(), length));
    }
  }

  /// A chunk was sent, whole or in part: sends what is left.
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t sent,
                   kernel::Result result) const override;

private:
  /// Sends the front of the queue, unless a transmission runs.
  void send_queued() const;
  /// Moves up to `piece.size()` bytes from the front of the queue into
  /// `piece`; returns how many.
  std::size_t copy_front(std::array<char, 64> &piece) const;

  /// The UART's transmit half.
  const kernel::hil::uart::Transmit &uart_;
  /// Who hears that the queue drained.
  leash::OptionalCell<const TransmitQueueClient *> client_;
  /// The transmit lease while no transmission runs.
  leash::TakeCell<leash::Lease<std::uint8_t>> buffer_;
  /// The bytes waiting (including those of the transmission in progress).
  leash::MapCell<ByteQueue<capacity>> queue_;
  /// How many of them the transmission in progress carries.
  leash::Cell<std::size_t> handed_over_;
};

} // namespace capsules

#endif // CAPSULES_TRANSMIT_QUEUE_H
