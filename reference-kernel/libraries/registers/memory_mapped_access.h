/// The target's register access: one volatile load or store, nothing else.
#ifndef LIBRARIES_REGISTERS_MEMORY_MAPPED_ACCESS_H
#define LIBRARIES_REGISTERS_MEMORY_MAPPED_ACCESS_H

#include <leash/annotations.h>

namespace registers {

/// How registers reach the hardware in the kernel image: a volatile access of
/// exactly the register's width, which the compiler neither merges, splits,
/// reorders against other volatile accesses, nor drops.
struct MemoryMappedAccess {
  /// Reads the register `location`.
  template <typename T>
  LEASH_UNSAFE("`location` is a register of a block that block_at created "
               "(an unsafe call whose caller vouched for the address), or an "
               "object in memory; a volatile read of it touches nothing else")
  static T load(const volatile T &location) noexcept {
    return location;
  }

  /// Writes `value` to the register `location`.
  template <typename T>
  LEASH_UNSAFE("`location` is a register of a block that block_at created "
               "(an unsafe call whose caller vouched for the address), or an "
               "object in memory; a volatile write of it touches nothing else")
  static void store(volatile T &location, T value) noexcept {
    location = value;
  }
};

} // namespace registers

#endif // LIBRARIES_REGISTERS_MEMORY_MAPPED_ACCESS_H
