/// The NVIC's register block and the operations on it.
#include "arch/cortex-m/nvic.h"

#include "arch/cortex-m/target_check.h"
#include "libraries/registers/registers.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>

namespace arch::cortex_m::nvic {
namespace {

using registers::ReadWrite;
using registers::Reserved;

/// The number of 32-bit words in each of the NVIC's bit arrays (ARMv7-M
/// allows up to 496 interrupts).
constexpr std::size_t word_count = 16;

/// The NVIC's enable and pending registers (ARMv7-M Architecture Reference
/// Manual, B3.4.3), in address order from 0xE000E100.
struct NvicRegisters {
  /// 0xE000E100 ISER: write 1 to enable; reads the enabled set.
  ReadWrite<std::uint32_t> set_enable[word_count];
  Reserved<0x40> reserved_0;
  /// 0xE000E180 ICER: write 1 to disable; reads the enabled set.
  ReadWrite<std::uint32_t> clear_enable[word_count];
  Reserved<0x40> reserved_1;
  /// 0xE000E200 ISPR: write 1 to set pending; reads the pending set.
  ReadWrite<std::uint32_t> set_pending[word_count];
  Reserved<0x40> reserved_2;
  /// 0xE000E280 ICPR: write 1 to clear pending; reads the pending set.
  ReadWrite<std::uint32_t> clear_pending[word_count];
};

static_assert(offsetof(NvicRegisters, clear_enable) == 0x80);
static_assert(offsetof(NvicRegisters, set_pending) == 0x100);
static_assert(offsetof(NvicRegisters, clear_pending) == 0x180);

/// Where the block starts on every ARMv7-M core.
constexpr std::uintptr_t nvic_base_address = 0xE000E100;

/// The NVIC's registers.
LEASH_UNSAFE("the NVIC is architected at 0xE000E100 on every ARMv7-M core; "
             "it is shared on purpose: its registers are write-one-to-set "
             "and write-one-to-clear, so no user can undo another's change")
NvicRegisters &registers() {
  return registers::block_at<NvicRegisters>(nvic_base_address);
}

/// Whether `irq` is an interrupt number the NVIC can have; the operations
/// ignore any other number instead of indexing past their arrays.
constexpr bool exists(InterruptNumber irq) { return irq < word_count * 32; }

/// The word of a bit array that holds `irq`'s bit.
constexpr std::size_t word_of(InterruptNumber irq) { return irq / 32; }

/// `irq`'s bit within its word.
constexpr std::uint32_t bit_of(InterruptNumber irq) { return 1U << (irq % 32); }

} // namespace

void enable(InterruptNumber irq) {
  if (!exists(irq)) {
    return;
  }
  registers().set_enable[word_of(irq)].set(bit_of(irq));
}

void disable(InterruptNumber irq) {
  if (!exists(irq)) {
    return;
  }
  registers().clear_enable[word_of(irq)].set(bit_of(irq));
}

void set_pending(InterruptNumber irq) {
  if (!exists(irq)) {
    return;
  }
  registers().set_pending[word_of(irq)].set(bit_of(irq));
}

void clear_pending(InterruptNumber irq) {
  if (!exists(irq)) {
    return;
  }
  registers().clear_pending[word_of(irq)].set(bit_of(irq));
}

bool is_pending(InterruptNumber irq) {
  return exists(irq) &&
         (registers().set_pending[word_of(irq)].get() & bit_of(irq)) != 0;
}

std::uint32_t pending_interrupts_0_to_31() {
  return registers().set_pending[0].get();
}

} // namespace arch::cortex_m::nvic
