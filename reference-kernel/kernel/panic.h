/// kernel::panic: the end of the run when the kernel finds itself broken.
#ifndef KERNEL_PANIC_H
#define KERNEL_PANIC_H

#include <string_view>

namespace kernel {

/// The exit status of a run that ended in a panic (a kernel panic, or a
/// vocabulary violation, which is one): 101, as a panicking Rust program's.
inline constexpr int panic_exit_status = 101;

/// Stops the kernel because an invariant is broken: reports `message` and
/// ends the run with `panic_exit_status` (Rust's `panic!`). Declared here and
/// defined by each board, which knows how to report and how to stop (the
/// kernel names no chip); host tests define it to fail the test.
[[noreturn]] void panic(std::string_view message);

} // namespace kernel

#endif // KERNEL_PANIC_H
