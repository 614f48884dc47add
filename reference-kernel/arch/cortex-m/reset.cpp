/// The reset handler: .data, .bss, static constructors, then main.
#include "arch/cortex-m/reset.h"

#include "arch/cortex-m/semihosting.h"
#include "arch/cortex-m/system_control.h"
#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstdint>
#include <cstring>

/// The board's entry point. Every board defines it; the reset handler is its
/// only caller.
int main();

/// A static constructor, as the compiler lists them in .init_array.
using StaticConstructor = void (*)();

extern "C" {
// Symbols defined by the linker script (arch/cortex-m/kernel_layout.ld). Only
// their addresses mean anything; the objects themselves are never read.

/// Where the initial values of .data are stored in flash.
extern const unsigned char leash_data_load_start[];
/// The start of .data in RAM.
extern const unsigned char leash_data_start[];
/// The end of .data in RAM.
extern const unsigned char leash_data_end[];
/// The start of .bss in RAM.
extern const unsigned char leash_bss_start[];
/// The end of .bss in RAM.
extern const unsigned char leash_bss_end[];

/// The first entry of .preinit_array and .init_array (in that order).
extern const StaticConstructor leash_constructors_start[];
/// One past the last entry of .init_array.
extern const StaticConstructor leash_constructors_end[];
}

namespace arch::cortex_m {
namespace {

/// Copies the initial values of .data from flash to RAM.
LEASH_UNSAFE("runs once at reset before any object in .data is used; the "
             "linker script gives two non-overlapping ranges of equal size")
void initialize_data() {
  const auto start = reinterpret_cast<std::uintptr_t>(leash_data_start);
  const auto end = reinterpret_cast<std::uintptr_t>(leash_data_end);
  std::memcpy(reinterpret_cast<void *>(start), leash_data_load_start,
              end - start);
}

/// Zeroes .bss, which the compiler assumes to start out as all zeros.
LEASH_UNSAFE("runs once at reset before any object in .bss is used; the "
             "linker script gives the range")
void clear_bss() {
  const auto start = reinterpret_cast<std::uintptr_t>(leash_bss_start);
  const auto end = reinterpret_cast<std::uintptr_t>(leash_bss_end);
  std::memset(reinterpret_cast<void *>(start), 0, end - start);
}

/// Runs the dynamic initializers of objects with static storage duration.
LEASH_UNSAFE("walks the constructor table that the linker script delimits; "
             "every entry is a function the compiler emitted")
void run_static_constructors() {
  for (const StaticConstructor *constructor = leash_constructors_start;
       constructor != leash_constructors_end; ++constructor) {
    (*constructor)();
  }
}

} // namespace
} // namespace arch::cortex_m

extern "C" void leash_reset_handler() {
  arch::cortex_m::enable_fault_exceptions();
  arch::cortex_m::initialize_data();
  arch::cortex_m::clear_bss();
  arch::cortex_m::run_static_constructors();
  arch::cortex_m::semihosting::exit(main());
}
