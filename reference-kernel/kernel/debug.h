/// The kernel's debug output: text sent to the writer the board registered.
#ifndef KERNEL_DEBUG_H
#define KERNEL_DEBUG_H

#include "kernel/debug_writer.h"

#include <string_view>

namespace kernel::debug {

/// Sends all later debug output to `writer`, which must live in static
/// storage (as every component does).
void set_writer(const DebugWriter &writer);

/// Writes `text` to the registered writer. Until a writer is registered, the
/// text is dropped: the kernel prints nothing before the board wires a UART.
void print(std::string_view text);

/// Writes `text` followed by a line ending ("\r\n", as serial terminals
/// expect).
void print_line(std::string_view text);

} // namespace kernel::debug

#endif // KERNEL_DEBUG_H
