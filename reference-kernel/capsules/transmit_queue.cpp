/// The transmit queue: queueing, sending a lease-full, and the callback.
#include "capsules/transmit_queue.h"

#include <optional>
#include <utility>

namespace capsules {

using Queue = ByteQueue<TransmitQueue::capacity>;

TransmitQueue::TransmitQueue(const kernel::hil::uart::Transmit &uart,
                             leash::Lease<std::uint8_t> buffer)
    : uart_(uart), buffer_(std::move(buffer)), queue_(Queue{}) {}

void TransmitQueue::set_client(const TransmitQueueClient &client) const {
  client_.set(&client);
}

std::size_t TransmitQueue::write(std::string_view text) const {
  const std::size_t queued =
      queue_
          .map([text](Queue &queue) {
            std::size_t count = 0;
            while (count < text.size() &&
                   queue.push(static_cast<std::uint8_t>(text[count]))) {
              ++count;
            }
            return count;
          })
          .value_or(0);
  send_queued();
  return queued;
}

bool TransmitQueue::is_drained() const {
  return buffer_.is_some() &&
         queue_.map_or(true, [](Queue &queue) { return queue.is_empty(); });
}

void TransmitQueue::send_queued() const {
  leash::Lease<std::uint8_t> buffer = buffer_.take();
  if (buffer.is_empty()) {
    return; // A transmission runs; its callback sends the rest.
  }
  buffer.reset();
  // Copied, not removed: the bytes leave the queue only when the UART says
  // it sent them.
  const std::size_t length =
      queue_
          .map([&buffer](Queue &queue) {
            std::size_t count = 0;
            while (count < buffer.size() && count < queue.size()) {
              buffer[count] = queue.peek(count).value_or(0);
              ++count;
            }
            return count;
          })
          .value_or(0);
  if (length == 0) {
    buffer_.put(std::move(buffer));
    return;
  }
  kernel::hil::uart::BufferRefusal refusal =
      uart_.transmit(std::move(buffer), length);
  if (refusal) {
    // Busy or off: the bytes stay queued, and the next write tries again.
    buffer_.put(std::move(refusal).value());
    return;
  }
  handed_over_.set(length);
}

void TransmitQueue::transmitted(leash::Lease<std::uint8_t> buffer,
                                std::size_t sent, kernel::Result result) const {
  // The UART sent the first `sent` bytes of the queue (nothing is removed
  // from its front while a transmission runs); the rest of the chunk, if the
  // transmission was aborted or failed, stays at the front and goes next.
  queue_.map([sent](Queue &queue) { queue.discard(sent); });
  handed_over_.set(0);
  buffer_.put(std::move(buffer));
  if (!result.is_ok() && sent == 0) {
    return; // No progress: wait for the next write rather than spin.
  }
  send_queued();
  if (is_drained()) {
    client_.map(
        [](const TransmitQueueClient *client) { client->output_drained(); });
  }
}

std::size_t TransmitQueue::copy_front(std::array<char, 64> &piece) const {
  return queue_
      .map([&piece](Queue &queue) {
        std::size_t count = 0;
        while (count < piece.size() && count < queue.size()) {
          piece[count] = static_cast<char>(queue.peek(count).value_or(0));
          ++count;
        }
        queue.discard(count);
        return count;
      })
      .value_or(0);
}

} // namespace capsules
