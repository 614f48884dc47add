/// ProcessMemory: a process's flash and RAM, reached only through checked,
/// bounded accesses.
#ifndef KERNEL_PROCESS_PROCESS_MEMORY_H
#define KERNEL_PROCESS_PROCESS_MEMORY_H

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <utility>

namespace kernel::process {

/// A process's flash image and RAM block as the kernel sees them: each a
/// span over the memory and the address the process knows it by. Every
/// access is by address, checked against the span, so that an address a
/// process passes in a system call can never reach memory that is not its
/// own: out of range, the access does not happen. The spans are made once,
/// when the process is loaded (the only unsafe step, in the loader); on the
/// host the same code runs over arrays standing in for the memory.
class ProcessMemory {
public:
  /// No memory.
  constexpr ProcessMemory() = default;
  /// `flash` known to the process at `flash_address`, `ram` at
  /// `ram_address`.
  constexpr ProcessMemory(std::uint32_t flash_address,
                          std::span<const std::uint8_t> flash,
                          std::uint32_t ram_address,
                          std::span<std::uint8_t> ram)
      : flash_address_(flash_address), flash_(flash), ram_address_(ram_address),
        ram_(ram) {}

  /// Where the flash image starts.
  [[nodiscard]] constexpr std::uint32_t flash_start() const {
    return flash_address_;
  }
  /// Where it ends (one past its last byte).
  [[nodiscard]] constexpr std::uint32_t flash_end() const {
    return flash_address_ + static_cast<std::uint32_t>(flash_.size());
  }
  /// Where the RAM block starts.
  [[nodiscard]] constexpr std::uint32_t ram_start() const {
    return ram_address_;
  }
  /// Where it ends (one past its last byte).
  [[nodiscard]] constexpr std::uint32_t ram_end() const {
    return ram_address_ + static_cast<std::uint32_t>(ram_.size());
  }

  /// The RAM bytes [`address`, `address` + `length`) if all of them lie in
  /// [`ram_start()`, `limit`); nothing otherwise (overflow included).
  [[nodiscard]] constexpr std::optional<std::span<std::uint8_t>>
  ram_bytes(std::uint32_t address, std::uint32_t length,
            std::uint32_t limit) const {
    const auto offset = ram_offset(address, length, limit);
    if (!offset) {
      return std::nullopt;
    }
    return ram_.subspan(*offset, length);
  }
  /// Like `ram_bytes` up to `limit`, or else in the flash image: what a
  /// read-only allow may share.
  [[nodiscard]] constexpr std::optional<std::span<const std::uint8_t>>
  readable_bytes(std::uint32_t address, std::uint32_t length,
                 std::uint32_t limit) const {
    if (const auto bytes = ram_bytes(address, length, limit)) {
      return std::span<const std::uint8_t>(*bytes);
    }
    const auto offset = offset_in(address, length, flash_address_, flash_end());
    if (!offset) {
      return std::nullopt;
    }
    return flash_.subspan(*offset, length);
  }

  /// The 32-bit little-endian word at `address` if it lies below `limit`.
  [[nodiscard]] std::optional<std::uint32_t>
  read_word(std::uint32_t address, std::uint32_t limit) const {
    const auto words = read_words<1>(address, limit);
    if (!words) {
      return std::nullopt;
    }
    return (*words)[0];
  }
  /// Writes `value` at `address` if it lies below `limit`; whether it did.
  bool write_word(std::uint32_t address, std::uint32_t value,
                  std::uint32_t limit) const {
    return write_words<1>(address, {value}, limit);
  }

  /// The `N` 32-bit words at `address` (an exception frame, say) if they lie
  /// below `limit`: one check for all of them.
  template <std::size_t N>
  [[nodiscard]] std::optional<std::array<std::uint32_t, N>>
  read_words(std::uint32_t address, std::uint32_t limit) const {
    const auto offset = ram_offset(address, N * 4, limit);
    if (!offset) {
      return std::nullopt;
    }
    const std::span<const std::uint8_t> bytes = ram_.subspan(*offset, N * 4);
    // Word by word, unrolled: a frame is read on every upcall, and a
    // freestanding build calls an out-of-line memcpy for anything larger.
    return [bytes]<std::size_t... Index>(std::index_sequence<Index...>) {
      return std::array<std::uint32_t, N>{
          load_word(bytes.template subspan<4 * Index, 4>())...};
    }(std::make_index_sequence<N>{});
  }
  /// Writes `words` at `address` if they lie below `limit`; whether it did.
  template <std::size_t N>
  bool write_words(std::uint32_t address,
                   const std::array<std::uint32_t, N> &words,
                   std::uint32_t limit) const {
    const auto offset = ram_offset(address, N * 4, limit);
    if (!offset) {
      return false;
    }
    const std::span<std::uint8_t> bytes = ram_.subspan(*offset, N * 4);
    [bytes, &words]<std::size_t... Index>(std::index_sequence<Index...>) {
      (store_word(bytes.template subspan<4 * Index, 4>(), words[Index]), ...);
    }(std::make_index_sequence<N>{});
    return true;
  }

  /// The whole RAM block (the kernel's own accesses: the grant region).
  [[nodiscard]] constexpr std::span<std::uint8_t> ram() const { return ram_; }

private:
  /// The offset in the RAM block of [`address`, `address` + `length`), if
  /// it lies below `limit` (and in the block).
  [[nodiscard]] constexpr std::optional<std::size_t>
  ram_offset(std::uint32_t address, std::uint32_t length,
             std::uint32_t limit) const {
    return offset_in(address, length, ram_address_,
                     limit < ram_end() ? limit : ram_end());
  }

  /// The word in `bytes`, in the process's byte order, which is the core's
  /// (little-endian on the target and the host). `__builtin_memcpy`, not
  /// `std::memcpy`: a freestanding build has no builtins by name, and this
  /// one must become a single (possibly unaligned) load.
  static std::uint32_t load_word(std::span<const std::uint8_t, 4> bytes) {
    std::uint32_t word = 0;
    __builtin_memcpy(&word, bytes.data(), sizeof word);
    return word;
  }
  /// Stores `word` into `bytes`; see `load_word`.
  static void store_word(std::span<std::uint8_t, 4> bytes, std::uint32_t word) {
    __builtin_memcpy(bytes.data(), &word, sizeof word);
  }

  /// The offset of [`address`, `address` + `length`) in the memory known at
  /// `base`, when it lies in [`base`, `end`).
  static constexpr std::optional<std::size_t> offset_in(std::uint32_t address,
                                                        std::uint32_t length,
                                                        std::uint32_t base,
                                                        std::uint32_t end) {
    if (address < base || address > end || length > end - address) {
      return std::nullopt;
    }
    return address - base;
  }

  /// The flash image's address.
  std::uint32_t flash_address_ = 0;
  /// The flash image.
  std::span<const std::uint8_t> flash_;
  /// The RAM block's address.
  std::uint32_t ram_address_ = 0;
  /// The RAM block.
  std::span<std::uint8_t> ram_;
};

} // namespace kernel::process

#endif // KERNEL_PROCESS_PROCESS_MEMORY_H
