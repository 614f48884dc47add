/// The kernel's debug output: text sent to the writer the board registered.
#ifndef KERNEL_DEBUG_H
#define KERNEL_DEBUG_H

#include "kernel/debug_writer.h"

#include <string_view>

namespace kernel::debug {

/// Sends all later debug output to `writer`, which must live in static
/// storage (as every component does).
void set_writer(const DebugWriter &writer);

/// Queues `text` for the registered writer (Tock's `debug!`); the kernel
/// loop sends it. Until a writer is registered, the text is dropped: the
/// kernel prints nothing before the board wires a UART.
void print(std::string_view text);

/// Queues `text` followed by a line ending ("\r\n", as serial terminals
/// expect).
void print_line(std::string_view text);

/// Whether all debug output has been sent (true without a writer). The
/// kernel loop does not end a run before it is.
[[nodiscard]] bool is_drained();

/// For a run that ends without the kernel loop (a panic, an unhandled
/// exception): sends the queued output, then `text`, by polling.
void print_at_end(std::string_view text);

} // namespace kernel::debug

#endif // KERNEL_DEBUG_H
