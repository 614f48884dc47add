/// DebugWriter: the interface the kernel's debug output leaves through.
#ifndef KERNEL_DEBUG_WRITER_H
#define KERNEL_DEBUG_WRITER_H

#include <leash/annotations.h>

#include <string_view>

namespace kernel {

/// Where the kernel's debug output goes. The board implements it, usually
/// over a UART, and hands it to `kernel::debug::set_writer`: the kernel never
/// names a chip. Implementations are components: they live in static storage
/// and are used through `const` references.
class LEASH_COMPONENT DebugWriter {
public:
  /// Writes all of `text` before returning. Called from the kernel loop and
  /// from panics, so it must not depend on interrupts.
  virtual void write(std::string_view text) const = 0;

protected:
  /// Implementations are never destroyed through this interface.
  ~DebugWriter() = default;
};

} // namespace kernel

#endif // KERNEL_DEBUG_WRITER_H
