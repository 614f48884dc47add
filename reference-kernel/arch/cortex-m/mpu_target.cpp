/// The target's side of the MPU driver: its registers and its barrier.
#include "arch/cortex-m/mpu.h"

#include "arch/cortex-m/target_check.h"

#include <leash/annotations.h>

#include <cstdint>

namespace arch::cortex_m {
namespace {

/// Where the MPU's registers are on every ARMv7-M core.
constexpr std::uintptr_t mpu_base_address = 0xE000ED90;

} // namespace

MpuRegisters &mpu_registers() {
  return registers::block_at<MpuRegisters>(mpu_base_address);
}

LEASH_UNSAFE("inline assembly: `dsb` completes the MPU register writes and "
             "`isb` refetches later instructions under the new map; the "
             "`memory` clobber keeps the compiler from moving accesses "
             "across the change")
void synchronize_memory_map() { asm volatile("dsb\n\tisb" : : : "memory"); }

} // namespace arch::cortex_m
