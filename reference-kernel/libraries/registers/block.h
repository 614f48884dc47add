/// block_at and Reserved: register blocks at their addresses, with their gaps.
#ifndef LIBRARIES_REGISTERS_BLOCK_H
#define LIBRARIES_REGISTERS_BLOCK_H

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace registers {

/// Unused space between registers of a block, `bytes` long. Never accessed.
template <std::size_t bytes> struct Reserved {
  /// The gap itself.
  std::uint8_t unused[bytes];
};

/// The register block of type `Block` whose first register is at
/// `base_address` (tock-registers' `StaticRef::new`). Calling it is unsafe:
/// the caller promises that a `Block` really is at that address, and that the
/// block gets exactly one owner (the one driver of that peripheral), so that
/// two drivers never fight over the same hardware. Everything a driver then
/// does with its block is safe.
template <typename Block>
LEASH_UNSAFE_API Block &block_at(std::uintptr_t base_address) noexcept {
  static_assert(std::is_standard_layout_v<Block>,
                "a register block is a standard-layout struct of registers");
  static_assert(std::is_trivially_default_constructible_v<Block> &&
                    std::is_trivially_destructible_v<Block>,
                "a register block is an implicit-lifetime type: it is found "
                "at its address, never constructed there");
  return *reinterpret_cast<Block *>(base_address);
}

} // namespace registers

#endif // LIBRARIES_REGISTERS_BLOCK_H
