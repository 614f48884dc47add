/// The board's debugging I/O: kernel debug output over UART0, panic status.
#ifndef BOARDS_QEMU_MPS2_AN386_IO_H
#define BOARDS_QEMU_MPS2_AN386_IO_H

#include "chips/mps2-an386/uart.h"
#include "kernel/debug_writer.h"

#include <leash/annotations.h>

#include <string_view>

namespace boards::qemu_mps2_an386 {

/// The exit status of a run that ended in a panic (a vocabulary violation),
/// the same as a panicking Rust program's.
inline constexpr int panic_exit_status = 101;

/// Sends the kernel's debug output to a UART: the one place that connects
/// the kernel's DebugWriter to the chip's UART driver.
class LEASH_COMPONENT UartDebugWriter final : public kernel::DebugWriter {
public:
  /// A writer that transmits on `uart`, which must be enabled already.
  explicit UartDebugWriter(const chips::mps2_an386::Uart &uart) : uart_(uart) {}

  /// Transmits `text`, waiting until the UART has taken every byte.
  void write(std::string_view text) const override;

private:
  /// The UART the output goes to.
  const chips::mps2_an386::Uart &uart_;
};

} // namespace boards::qemu_mps2_an386

#endif // BOARDS_QEMU_MPS2_AN386_IO_H
