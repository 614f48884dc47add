/// Reads the System Control Block's fault status and fault address registers.
#include "arch/cortex-m/fault_status.h"

#include "arch/cortex-m/target_check.h"
#include "libraries/registers/registers.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace arch::cortex_m {
namespace {

using registers::ReadOnly;

/// The fault status and address registers of the System Control Block, in
/// address order (ARMv7-M Architecture Reference Manual, B3.2.2). The
/// status registers are write-one-to-clear: a process's fault is cleared
/// once recorded, so that the next one is not mixed with it.
struct FaultStatusRegisters {
  /// 0xE000ED28 CFSR: configurable fault status.
  registers::ReadWrite<std::uint32_t> configurable_fault_status;
  /// 0xE000ED2C HFSR: hard fault status.
  registers::ReadWrite<std::uint32_t> hard_fault_status;
  /// 0xE000ED30 DFSR: debug fault status.
  ReadOnly<std::uint32_t> debug_fault_status;
  /// 0xE000ED34 MMFAR: memory management fault address.
  ReadOnly<std::uint32_t> memory_management_fault_address;
  /// 0xE000ED38 BFAR: bus fault address.
  ReadOnly<std::uint32_t> bus_fault_address;
};

static_assert(offsetof(FaultStatusRegisters, bus_fault_address) == 0x10);

/// Where the block starts on every ARMv7-M core.
constexpr std::uintptr_t fault_status_registers_address = 0xE000ED28;

} // namespace

LEASH_UNSAFE("0xE000ED28 is the architected address of these registers on "
             "every ARMv7-M core, and reading them has no side effects")
FaultStatus read_fault_status() {
  const auto &registers =
      registers::block_at<FaultStatusRegisters>(fault_status_registers_address);
  return FaultStatus{
      .configurable_fault_status = registers.configurable_fault_status.get(),
      .hard_fault_status = registers.hard_fault_status.get(),
      .memory_management_fault_address =
          registers.memory_management_fault_address.get(),
      .bus_fault_address = registers.bus_fault_address.get(),
  };
}

LEASH_UNSAFE("0xE000ED28 is the architected address of these registers; "
             "writing back the bits read clears exactly those")
void clear_fault_status() {
  auto &registers =
      registers::block_at<FaultStatusRegisters>(fault_status_registers_address);
  registers.configurable_fault_status.set(
      registers.configurable_fault_status.get());
  registers.hard_fault_status.set(registers.hard_fault_status.get());
}

std::string_view configurable_fault_status_bit_name(unsigned bit) {
  // MMFSR is bits 0 to 7, BFSR bits 8 to 15, UFSR bits 16 to 31.
  switch (bit) {
  case 0:
    return "IACCVIOL";
  case 1:
    return "DACCVIOL";
  case 3:
    return "MUNSTKERR";
  case 4:
    return "MSTKERR";
  case 5:
    return "MLSPERR";
  case 7:
    return "MMARVALID";
  case 8:
    return "IBUSERR";
  case 9:
    return "PRECISERR";
  case 10:
    return "IMPRECISERR";
  case 11:
    return "UNSTKERR";
  case 12:
    return "STKERR";
  case 13:
    return "LSPERR";
  case 15:
    return "BFARVALID";
  case 16:
    return "UNDEFINSTR";
  case 17:
    return "INVSTATE";
  case 18:
    return "INVPC";
  case 19:
    return "NOCP";
  case 24:
    return "UNALIGNED";
  case 25:
    return "DIVBYZERO";
  default:
    return {};
  }
}

std::string_view hard_fault_status_bit_name(unsigned bit) {
  switch (bit) {
  case 1:
    return "VECTTBL";
  case 30:
    return "FORCED";
  case 31:
    return "DEBUGEVT";
  default:
    return {};
  }
}

} // namespace arch::cortex_m
