/// fault: writes the kernel's memory. The MPU stops it, and the kernel kills
/// it and reports the fault; everything else goes on.
#include "console.h"

#include <leash/annotations.h>

#include <cstdint>

namespace {

/// The start of the kernel's RAM on mps2-an386.
constexpr std::uintptr_t kernel_ram = 0x2000'0000;

LEASH_UNSAFE("the point of this app: a store to an address it does not own")
void write_kernel_memory() {
  *reinterpret_cast<volatile std::uint32_t *>(kernel_ram) = 0xBAD;
}

} // namespace

int main() {
  user::console::write_line("fault: writing the kernel's memory");
  write_kernel_memory();
  user::console::write_line("fault: the write went through (it must not)");
  return 1;
}
