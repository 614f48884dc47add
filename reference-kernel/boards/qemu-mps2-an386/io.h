/// The board's debugging I/O: kernel debug output shared with the console.
#ifndef BOARDS_QEMU_MPS2_AN386_IO_H
#define BOARDS_QEMU_MPS2_AN386_IO_H

#include "capsules/transmit_queue.h"
#include "capsules/uart_device.h"
#include "chips/mps2-an386/cmsdk_uart.h"
#include "kernel/debug_writer.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386 {

/// The kernel's debug output on UART0: queued in a TransmitQueue on the
/// debug output's own virtual UART (so that the console's lines and debug
/// lines never cut into each other) and sent by the kernel loop; at the end
/// of a run without the loop (a panic, a fault), sent by polling UART0. The
/// one place that connects the kernel's DebugWriter to the chip's UART.
class LEASH_COMPONENT UartDebugWriter final : public kernel::DebugWriter {
public:
  /// A writer that queues in `queue`, which sends on `device`, a virtual
  /// UART of `uart`; at the end, it polls `uart`.
  UartDebugWriter(const capsules::TransmitQueue &queue,
                  const capsules::UartDevice &device,
                  const chips::mps2_an386::CmsdkUart &uart)
      : queue_(queue), device_(device), uart_(uart) {}

  /// Queues `text`.
  void write(std::string_view text) const override;
  /// Whether the queue has drained.
  [[nodiscard]] bool is_drained() const override;
  /// Sends the queue and `text` by polling UART0.
  void write_at_end(std::string_view text) const override;

private:
  /// Where the output waits.
  const capsules::TransmitQueue &queue_;
  /// The debug output's virtual UART.
  const capsules::UartDevice &device_;
  /// The UART, for polling at the end.
  const chips::mps2_an386::CmsdkUart &uart_;
};

} // namespace boards::qemu_mps2_an386

#endif // BOARDS_QEMU_MPS2_AN386_IO_H
