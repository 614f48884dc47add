/// escape: points its stack pointer into the kernel's RAM and makes a system
/// call. The core stacks the call's exception frame with the process's own
/// permissions, so the MPU refuses the stacking and the kernel kills the
/// process: no frame lands in the kernel's memory, and the call it made is
/// never taken, by the process or, later, by the kernel.
#include "console.h"

#include <leash/annotations.h>

#include <cstdint>

namespace {

/// An address in the kernel's RAM: its main stack.
constexpr std::uint32_t kernel_stack = 0x2000'1000;

LEASH_UNSAFE("the point of this app: a stack pointer outside its memory, "
             "then `svc 2` (command), whose frame cannot be stacked")
void call_on_the_kernel_stack() {
  asm volatile("mov sp, %0\n\t"
               "movs r0, #1\n\t"
               "movs r1, #0\n\t"
               "svc 2" ::"r"(kernel_stack)
               : "r0", "r1", "memory");
}

} // namespace

int main() {
  user::console::write_line("escape: calling with my stack in kernel RAM");
  call_on_the_kernel_stack();
  user::console::write_line("escape: the call returned (it must not)");
  return 1;
}
