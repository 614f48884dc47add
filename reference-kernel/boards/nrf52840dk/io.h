/// The board's debugging I/O: kernel debug output on UARTE0.
#ifndef BOARDS_NRF52840DK_IO_H
#define BOARDS_NRF52840DK_IO_H

#include "capsules/transmit_queue.h"
#include "kernel/debug_writer.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::nrf52840dk {

/// The kernel's debug output on UARTE0 (the development kit's USB serial
/// bridge): queued in a TransmitQueue on the debug output's own virtual
/// UART, beside the console's, and sent by EasyDMA from the kernel loop.
/// The UARTE driver has no polled mode, so a run that ends without the
/// loop (a panic, a fault) cannot send what is still queued: it is dropped
/// (a debugger's semihosting still shows the fault report).
class LEASH_COMPONENT UarteDebugWriter final : public kernel::DebugWriter {
public:
  /// A writer that queues in `queue`.
  explicit UarteDebugWriter(const capsules::TransmitQueue &queue)
      : queue_(queue) {}

  /// Queues `text`.
  void write(std::string_view text) const override;
  /// Whether the queue has drained.
  [[nodiscard]] bool is_drained() const override;
  /// Nothing can be sent without the kernel loop on this board.
  void write_at_end(std::string_view text) const override;

private:
  /// Where the output waits.
  const capsules::TransmitQueue &queue_;
};

} // namespace boards::nrf52840dk

#endif // BOARDS_NRF52840DK_IO_H
