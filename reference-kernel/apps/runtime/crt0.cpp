/// The apps' start-up code: the kernel enters _start, which prepares C++ and
/// runs main.
#include <leash/annotations.h>

#include <cstdint>

/// The app's entry point. Every app defines it.
int main();

extern "C" {
// Symbols of apps/app_layout.ld. Only their addresses mean anything.

// They are declared const, as in arch/cortex-m/reset.cpp: nothing reads or
// writes them as objects, and leash_app_start reaches RAM through addresses.

/// Where the initial values of .data are stored in flash.
extern const std::uint32_t leash_app_data_load_start[];
/// The start of .data in RAM.
extern const std::uint32_t leash_app_data_start[];
/// The end of .data in RAM.
extern const std::uint32_t leash_app_data_end[];
/// The start of .bss in RAM.
extern const std::uint32_t leash_app_bss_start[];
/// The end of .bss in RAM.
extern const std::uint32_t leash_app_bss_end[];

/// Prepares C++ and runs main; the kernel's r0..r3 arrive as its arguments.

[[noreturn]] void leash_app_start(std::uint32_t memory_start,
                                  std::uint32_t memory_size,
                                  std::uint32_t initial_break,
                                  std::uint32_t image_start);
/// The entry point.
void _start();
}

namespace {

/// A RAM address that the linker script gives, as a writable word pointer.
LEASH_UNSAFE_API std::uint32_t *ram_words(const std::uint32_t *symbol) {
  return reinterpret_cast<std::uint32_t *>(
      reinterpret_cast<std::uintptr_t>(symbol));
}

} // namespace

/// The entry point (the Main TLV's init offset points here). The kernel
/// passes (kernel/process/processes.cpp, Processes::start; Tock's crt0
/// convention loosely) r0 = the app's RAM start, r1 = its size, r2 = the
/// initial break, r3 = the image's start in flash, and a stack pointer just
/// below the break. The app is linked for fixed addresses, so it moves its
/// stack to the one its linker script places at the bottom of its RAM (an
/// overflow then faults at the MPU region's edge) and hands r0..r3 on to
/// leash_app_start untouched.
LEASH_UNSAFE("sets the stack pointer before any C++ code runs")
[[gnu::naked, gnu::section(".text._start")]] void _start() {
  asm volatile("ldr r4, =leash_app_stack_top\n"
               "mov sp, r4\n"
               "b leash_app_start\n");
}

/// Copies .data's initial values, zeroes .bss, runs main, then exits for
/// good: svc 6 is Tock's exit system call (r0 = 0: terminate, r1 = the
/// completion code), retried if the kernel ever returns.
LEASH_UNSAFE("runs once, before any object in .data or .bss is used; the "
             "linker script delimits the ranges")
void leash_app_start(std::uint32_t /*memory_start*/,
                     std::uint32_t /*memory_size*/,
                     std::uint32_t /*initial_break*/,
                     std::uint32_t /*image_start*/) {
  const std::uint32_t *source = leash_app_data_load_start;
  std::uint32_t *const data_end = ram_words(leash_app_data_end);
  for (std::uint32_t *word = ram_words(leash_app_data_start); word < data_end;
       ++word, ++source) {
    *word = *source;
  }
  std::uint32_t *const bss_end = ram_words(leash_app_bss_end);
  for (std::uint32_t *word = ram_words(leash_app_bss_start); word < bss_end;
       ++word) {
    *word = 0;
  }
  const int status = main();
  while (true) {
    asm volatile("movs r0, #0\n"
                 "mov r1, %0\n"
                 "svc 6\n"
                 :
                 : "r"(status)
                 : "r0", "r1", "memory");
  }
}
