/// PMSAv7 region arithmetic: sizes, alignment, subregions, RBAR and RASR.
#ifndef ARCH_CORTEX_M_MPU_REGION_H
#define ARCH_CORTEX_M_MPU_REGION_H

#include "libraries/registers/registers.h"

#include <bit>
#include <cstdint>
#include <optional>

// Everything here is plain arithmetic on numbers, with no register access,
// so that the host tests check every encoding the MPU driver writes. The
// rules are those of the ARMv7-M Architecture Reference Manual, B3.5: a
// region is a power of two from 32 bytes to 4 GiB, aligned to its size, and
// a region of 256 bytes or more is split into eight equal subregions that can
// be disabled one by one.

namespace arch::cortex_m {

/// A memory address on a Cortex-M core (32 bits, also on the host).
using Address = std::uint32_t;

/// A length in bytes. 64 bits wide, because the largest region (4 GiB) does
/// not fit in 32.
using Length = std::uint64_t;

/// The smallest region the MPU supports.
inline constexpr Length minimum_region_size = 32;
/// The largest region: the whole address space.
inline constexpr Length maximum_region_size = Length{1} << 32;
/// The smallest region that has subregions; below it the core ignores the
/// subregion-disable bits.
inline constexpr Length minimum_subdivided_region_size = 256;
/// How many subregions a region has.
inline constexpr unsigned subregions_per_region = 8;
/// How many regions the Cortex-M4's MPU has (MPU_TYPE.DREGION).
inline constexpr unsigned region_count = 8;

/// The fields of MPU_RBAR, the region base address register.
struct RegionBaseAddress {
  /// A field of MPU_RBAR.
  using Field = registers::Field<std::uint32_t, RegionBaseAddress>;
  /// REGION: the region to write, when VALID is set.
  static constexpr Field region{0, 4};
  /// VALID: the write also selects REGION (as if written to MPU_RNR), so
  /// one RBAR write and one RASR write program a region.
  static constexpr Field valid{4, 1};
  /// ADDR: the base address, bits 31 to 5 (a region's base is aligned to
  /// its size, so the bits below are zero).
  static constexpr Field address{5, 27};
};

/// The fields of MPU_RASR, the region attribute and size register.
struct RegionAttributes {
  /// A field of MPU_RASR.
  using Field = registers::Field<std::uint32_t, RegionAttributes>;
  /// ENABLE: the region takes part in the map.
  static constexpr Field enable{0, 1};
  /// SIZE: the region is 2^(SIZE + 1) bytes.
  static constexpr Field size{1, 5};
  /// SRD: bit n set disables subregion n.
  static constexpr Field subregion_disable{8, 8};
  /// B: bufferable (with C, S and TEX: the memory type and cache policy).
  static constexpr Field bufferable{16, 1};
  /// C: cacheable.
  static constexpr Field cacheable{17, 1};
  /// S: shareable.
  static constexpr Field shareable{18, 1};
  /// TEX: type extension.
  static constexpr Field type_extension{19, 3};
  /// AP: the access permissions of privileged and unprivileged code.
  static constexpr Field access_permission{24, 3};
  /// XN: instruction fetches from the region fault.
  static constexpr Field execute_never{28, 1};
};

/// What unprivileged code may do in a region. Privileged code (the kernel)
/// may always read and write: it runs with PRIVDEFENA, and a region that
/// took its access away would take it away from the kernel's own map too.
enum class RegionPermissions : std::uint8_t {
  /// Nothing (AP = 001: privileged read/write, unprivileged none; XN).
  none,
  /// Read and execute, as for a process's flash image (AP = 010:
  /// unprivileged read-only; XN clear).
  read_only_execute,
  /// Read and write, never execute, as for a process's RAM (AP = 011:
  /// full access; XN set).
  read_write_no_execute,
};

/// A contiguous range of addresses: `size` bytes from `base`.
struct MemoryRange {
  /// The first address.
  Address base;
  /// How many bytes.
  Length size;
  /// Whether both say the same.
  friend constexpr bool operator==(MemoryRange, MemoryRange) = default;
};

/// The two words that program one region: written to MPU_RBAR (with VALID
/// set, so it names its region) and then MPU_RASR.
struct MpuRegion {
  /// The MPU_RBAR value.
  std::uint32_t rbar;
  /// The MPU_RASR value.
  std::uint32_t rasr;
  /// Whether both say the same.
  friend constexpr bool operator==(MpuRegion, MpuRegion) = default;
};

/// Whether `value` is a power of two.
[[nodiscard]] constexpr bool is_power_of_two(Length value) {
  return value != 0 && (value & (value - 1)) == 0;
}

/// The RASR.SIZE value for a region of `size` bytes (log2(size) - 1), or
/// nothing if `size` is not a power of two from 32 bytes to 4 GiB.
[[nodiscard]] constexpr std::optional<std::uint32_t>
size_field_encoding(Length size) {
  if (!is_power_of_two(size) || size < minimum_region_size ||
      size > maximum_region_size) {
    return std::nullopt;
  }
  // A power of two: its logarithm is its count of trailing zeros (no loop
  // and no 64-bit division, which the scheduler would pay at every switch).
  return static_cast<std::uint32_t>(std::countr_zero(size)) - 1;
}

/// Whether `size` bytes at `base` can be one region: a supported size, and
/// `base` aligned to it.
[[nodiscard]] constexpr bool is_valid_region(Address base, Length size) {
  return size_field_encoding(size).has_value() && (base & (size - 1)) == 0;
}

/// The smallest valid region that contains the `length` bytes from `start`
/// (the region's size is a power of two and its base is aligned to it, so
/// it may reach well below `start`), or nothing if `length` is zero or the
/// range leaves the address space.
[[nodiscard]] constexpr std::optional<MemoryRange>
covering_region(Address start, Length length) {
  const Length end = Length{start} + length;
  if (length == 0 || end > maximum_region_size) {
    return std::nullopt;
  }
  // A region of size 4 GiB covers everything, so the loop ends.
  for (Length size = minimum_region_size;; size *= 2) {
    const Length base = Length{start} & ~(size - 1);
    if (base + size >= end) {
      return MemoryRange{static_cast<Address>(base), size};
    }
  }
}

/// Which subregions of a region are on, and what they cover.
struct SubregionLayout {
  /// The RASR.SRD value: bit n set disables subregion n.
  std::uint8_t disable_mask;
  /// How many bytes from the region's base the enabled subregions cover.
  Length accessible_length;
  /// Whether both say the same.
  friend constexpr bool operator==(SubregionLayout, SubregionLayout) = default;
};

/// The subregions of a region of `region_size` bytes that make its first
/// `length` bytes accessible and nothing beyond the subregion that holds the
/// last of them: the first ceil(length / (region_size / 8)) subregions, as
/// Tock's `update_app_memory_region` enables them. The accessible length is
/// therefore rounded up to a multiple of an eighth of the region. Nothing if
/// the size is not a valid region size, if `length` exceeds it, or if the
/// region is too small for subregions and `length` is not the whole region.
[[nodiscard]] constexpr std::optional<SubregionLayout>
subregions_for_length(Length region_size, Length length) {
  if (!size_field_encoding(region_size).has_value() || length > region_size) {
    return std::nullopt;
  }
  if (length == region_size) {
    return SubregionLayout{0, region_size};
  }
  if (region_size < minimum_subdivided_region_size) {
    return std::nullopt;
  }
  // Sizes are powers of two: shifts, not 64-bit divisions.
  const unsigned subregion_shift =
      static_cast<unsigned>(std::countr_zero(region_size)) - 3;
  const Length subregion_size = Length{1} << subregion_shift;
  const Length enabled = (length + subregion_size - 1) >> subregion_shift;
  // Subregions 0 to enabled - 1 on, the rest off.
  const auto mask = static_cast<std::uint8_t>(0xFFU << enabled);
  return SubregionLayout{mask, enabled * subregion_size};
}

/// The subregion-disable mask that makes exactly the `length` bytes from
/// `start` accessible within `region`: the whole region (mask 0), or a run
/// of whole subregions. Nothing if the range is empty, leaves the region,
/// or does not start and end on subregion boundaries (then some bytes
/// outside it would become accessible too).
[[nodiscard]] constexpr std::optional<std::uint8_t>
exact_subregion_mask(MemoryRange region, Address start, Length length) {
  const Length end = Length{start} + length;
  if (length == 0 || start < region.base || end > region.base + region.size) {
    return std::nullopt;
  }
  if (start == region.base && length == region.size) {
    return std::uint8_t{0};
  }
  const unsigned subregion_shift =
      static_cast<unsigned>(std::countr_zero(region.size)) - 3;
  const Length subregion_size = Length{1} << subregion_shift;
  const Length offset = start - region.base;
  if (region.size < minimum_subdivided_region_size ||
      (offset & (subregion_size - 1)) != 0 ||
      (length & (subregion_size - 1)) != 0) {
    return std::nullopt;
  }
  const Length first = offset >> subregion_shift;
  const Length count = length >> subregion_shift;
  const auto enabled = static_cast<std::uint32_t>(((1U << count) - 1) << first);
  return static_cast<std::uint8_t>(~enabled & 0xFFU);
}

/// The memory type fields (TEX, C, B, S) of a region with `permissions`:
/// Normal memory, write-through (TEX = 000, C = 1, B = 0), non-shareable for
/// flash and shareable for RAM, the values ARM's Cortex-M4 Generic User
/// Guide (4.5.9, "MPU configuration for a microcontroller") gives for flash
/// and internal SRAM. Tock writes none of these bits, which leaves TEX, C
/// and B zero: Strongly-ordered. Normal memory is what the default map,
/// which the kernel runs on, gives the Code and SRAM areas, so a process
/// sees its memory with the same type as the kernel does. The Cortex-M4 has
/// no cache and QEMU models none of these bits, so they change no behaviour
/// there.
[[nodiscard]] constexpr registers::FieldValue<std::uint32_t, RegionAttributes>
memory_type_fields(RegionPermissions permissions) {
  const bool shareable = permissions != RegionPermissions::read_only_execute;
  return RegionAttributes::type_extension.value(0) |
         RegionAttributes::cacheable.set() |
         RegionAttributes::bufferable.clear() |
         RegionAttributes::shareable.value(shareable ? 1 : 0);
}

/// The AP and XN fields for `permissions`.
[[nodiscard]] constexpr registers::FieldValue<std::uint32_t, RegionAttributes>
permission_fields(RegionPermissions permissions) {
  switch (permissions) {
  case RegionPermissions::read_only_execute:
    return RegionAttributes::access_permission.value(0b010) |
           RegionAttributes::execute_never.clear();
  case RegionPermissions::read_write_no_execute:
    return RegionAttributes::access_permission.value(0b011) |
           RegionAttributes::execute_never.set();
  case RegionPermissions::none:
    break;
  }
  return RegionAttributes::access_permission.value(0b001) |
         RegionAttributes::execute_never.set();
}

/// The RBAR and RASR values that make region `number` cover `size` bytes at
/// `base`, enabled, with `permissions`, their memory type and
/// the subregions in `subregion_disable_mask` disabled. Nothing if `number`
/// is not a region of the Cortex-M4 or (`base`, `size`) is not a valid
/// region.
[[nodiscard]] constexpr std::optional<MpuRegion>
make_region(unsigned number, Address base, Length size,
            RegionPermissions permissions,
            std::uint8_t subregion_disable_mask) {
  const std::optional<std::uint32_t> size_field = size_field_encoding(size);
  if (number >= region_count || !size_field || (base & (size - 1)) != 0) {
    return std::nullopt;
  }
  const auto rbar = RegionBaseAddress::address.value(base >> 5) |
                    RegionBaseAddress::valid.set() |
                    RegionBaseAddress::region.value(number);
  const auto rasr =
      RegionAttributes::enable.set() |
      RegionAttributes::size.value(*size_field) |
      RegionAttributes::subregion_disable.value(subregion_disable_mask) |
      memory_type_fields(permissions) | permission_fields(permissions);
  return MpuRegion{rbar.applied_to(0), rasr.applied_to(0)};
}

/// The RBAR and RASR values that switch region `number` off (RASR = 0); its
/// number is taken modulo 16, the width of RBAR.REGION.
[[nodiscard]] constexpr MpuRegion disabled_region(unsigned number) {
  const auto rbar =
      RegionBaseAddress::valid.set() | RegionBaseAddress::region.value(number);
  return MpuRegion{rbar.applied_to(0), 0};
}

} // namespace arch::cortex_m

#endif // ARCH_CORTEX_M_MPU_REGION_H
