/// DebugWriter: the interface the kernel's debug output leaves through.
#ifndef KERNEL_DEBUG_WRITER_H
#define KERNEL_DEBUG_WRITER_H

#include <leash/annotations.h>

#include <string_view>

namespace kernel {

/// Where the kernel's debug output goes. The board implements it, usually
/// over a virtual UART that it shares with the console (so that neither
/// cuts into the other's output), and hands it to
/// `kernel::debug::set_writer`: the kernel never names a chip.
/// Implementations are components: they live in static storage and are used
/// through `const` references.
class LEASH_COMPONENT DebugWriter {
public:
  /// Queues `text` and returns at once; the kernel loop sends it. What does
  /// not fit is dropped: debug output never blocks the kernel.
  virtual void write(std::string_view text) const = 0;

  /// Whether everything written has been sent.
  [[nodiscard]] virtual bool is_drained() const = 0;

  /// For a run that ends without the kernel loop (a panic, an unhandled
  /// exception): sends what is still queued, then `text`, by polling, and
  /// returns once the bytes are out. Must work with interrupts off and from
  /// an exception handler.
  virtual void write_at_end(std::string_view text) const = 0;

protected:
  /// Implementations are never destroyed through this interface.
  ~DebugWriter() = default;
};

} // namespace kernel

#endif // KERNEL_DEBUG_WRITER_H
