/// The board's debugging I/O: kernel debug output over UART0, by polling.
#ifndef BOARDS_QEMU_MPS2_AN386_IO_H
#define BOARDS_QEMU_MPS2_AN386_IO_H

#include "chips/mps2-an386/cmsdk_uart.h"
#include "kernel/debug_writer.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386 {

/// Sends the kernel's debug output to a UART by polling, so that it works
/// before the kernel loop runs and inside a panic: the one place that
/// connects the kernel's DebugWriter to the chip's UART driver.
class LEASH_COMPONENT UartDebugWriter final : public kernel::DebugWriter {
public:
  /// A writer that transmits on `uart`, which must be configured already.
  explicit UartDebugWriter(const chips::mps2_an386::CmsdkUart &uart)
      : uart_(uart) {}

  /// Transmits `text`, waiting until the UART has taken every byte.
  void write(std::string_view text) const override;

private:
  /// The UART the output goes to.
  const chips::mps2_an386::CmsdkUart &uart_;
};

} // namespace boards::qemu_mps2_an386

#endif // BOARDS_QEMU_MPS2_AN386_IO_H
