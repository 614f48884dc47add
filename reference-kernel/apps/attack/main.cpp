/// attack: calls the kernel with bad arguments of every kind and checks that
/// each gets its documented error (TRD104 codes), and that the kernel (and
/// this app) stay up. Prints one line per check and a summary.
#include "console.h"
#include "syscalls.h"

#include <leash/annotations.h>
#include <leash/cell.h>

#include <cstdint>
#include <string_view>

namespace {

using user::SyscallResult;

/// A driver number no driver has.
constexpr std::uint32_t no_driver = 0x9999;
/// The kernel's RAM, and its code in flash.
constexpr std::uint32_t kernel_ram = 0x2000'0000;
/// See `kernel_ram`.
constexpr std::uint32_t kernel_code = 0x0000'0101;

/// Checks passed and run.
leash::Cell<unsigned> passed{0};
/// See `passed`.
leash::Cell<unsigned> run{0};

/// Reports `check`: whether `result` failed with `expected`.
void expect_error(std::string_view check, const SyscallResult &result,
                  std::uint32_t expected) {
  run.set(run.get() + 1);
  const bool ok = !result.ok() && result.error() == expected;
  passed.set(passed.get() + (ok ? 1 : 0));
  (user::console::Line() << "attack: " << check
                         << (ok ? ": refused as documented" : ": WRONG ANSWER"))
      .write();
}

/// Reports `check`: whether `result` succeeded.
void expect_success(std::string_view check, const SyscallResult &result) {
  run.set(run.get() + 1);
  passed.set(passed.get() + (result.ok() ? 1 : 0));
  (user::console::Line() << "attack: " << check
                         << (result.ok() ? ": accepted" : ": WRONG ANSWER"))
      .write();
}

LEASH_UNSAFE("passes addresses the app does not own, on purpose")
void attack() {
  // A buffer of the app's own, on its stack.
  std::uint8_t buffer[64] = {};
  expect_error("command to no driver", user::command(no_driver, 1, 0, 0),
               user::error::no_device);
  expect_error("subscribe to no driver", user::syscall<1>(no_driver, 0, 0, 0),
               user::error::no_device);
  expect_error("allow to no driver",
               user::allow_read_write(no_driver, 0, buffer, sizeof buffer),
               user::error::no_device);
  expect_error("subscribe a function in kernel code",
               user::syscall<1>(0x1, 7, kernel_code, 0), user::error::invalid);
  expect_success("subscribe nothing", user::syscall<1>(0x1, 7, 0, 0));
  expect_error("allow the kernel's RAM",
               user::syscall<3>(0x1, 5, kernel_ram, 16), user::error::invalid);
  expect_error("allow a length that wraps around",
               user::allow_read_write(0x1, 5, buffer, 0xFFFF'FFF0),
               user::error::invalid);
  expect_error("allow read-only from address 0", user::syscall<4>(0x1, 5, 0, 4),
               user::error::invalid);
  expect_success("zero-length allow anywhere",
                 user::syscall<3>(0x1, 5, kernel_ram, 0));
  expect_success("allow a buffer", user::allow_read_write(0x1, 5, buffer, 32));
  expect_error("allow an overlapping buffer",
               user::allow_read_write(0x1, 6, buffer + 16, 32),
               user::error::invalid);
  expect_success("take the buffer back",
                 user::allow_read_write(0x1, 5, nullptr, 0));
  expect_error("sbrk 256 MiB", user::memop(1, 0x1000'0000),
               user::error::no_memory);
  expect_error("sbrk below the app's memory", user::memop(1, 0xFFF0'0000),
               user::error::invalid);
  expect_error("brk into the kernel's RAM", user::memop(0, kernel_ram),
               user::error::invalid);
  expect_error("an unknown memop", user::memop(99, 0), user::error::no_support);
  expect_error("an unknown system call class", user::syscall<9>(0, 0, 0, 0),
               user::error::no_support);
  expect_error("exit of an unknown kind", user::syscall<6>(7, 0, 0, 0),
               user::error::invalid);
}

} // namespace

int main() {
  attack();
  (user::console::Line() << "attack: " << passed.get() << " of " << run.get()
                         << " checks passed; the kernel is still up")
      .write();
  return passed.get() == run.get() ? 0 : 1;
}
