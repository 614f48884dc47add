/// peek: reads its own grant region, the top of its RAM block where the
/// kernel keeps its per-process state. The MPU keeps the grant region from
/// the process, so the read faults and the kernel kills it.
#include "console.h"
#include "syscalls.h"

#include <leash/annotations.h>

#include <cstdint>

namespace {

/// The memop that tells where the grant region starts.
constexpr std::uint32_t grant_start_operation = 6;

LEASH_UNSAFE("the point of this app: a load from the kernel's part of its "
             "own RAM block")
std::uint32_t read_word_at(std::uint32_t address) {
  return *reinterpret_cast<const volatile std::uint32_t *>(
      static_cast<std::uintptr_t>(address));
}

} // namespace

int main() {
  // The write gives the console driver a grant in this process.
  user::console::write_line("peek: reading my own grant region");
  const user::SyscallResult grant = user::memop(grant_start_operation, 0);
  const std::uint32_t value = read_word_at(grant.values[0]);
  (user::console::Line() << "peek: the read went through (it must not): "
                         << value)
      .write();
  return 1;
}
