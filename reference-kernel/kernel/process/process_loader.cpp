/// Loading processes: every header checked before anything in it is used.
#include "kernel/process/process_loader.h"

#include "kernel/debug.h"
#include "kernel/number_text.h"
#include "kernel/process/app_header.h"

namespace kernel::process {
namespace {

/// Reports an image the loader refused: where it is, its name if known,
/// and why.
void report_refusal(std::uint32_t address, std::string_view name,
                    std::string_view why) {
  debug::print("app at ");
  debug::print(hexadecimal(address).view());
  if (!name.empty()) {
    debug::print(" (");
    debug::print(name);
    debug::print(")");
  }
  debug::print(" refused: ");
  debug::print_line(why);
}

/// The little-endian word at `offset` of `bytes` (which holds it).
std::uint32_t word_at(std::span<const std::uint8_t> bytes, std::size_t offset) {
  return static_cast<std::uint32_t>(bytes[offset]) |
         static_cast<std::uint32_t>(bytes[offset + 1]) << 8U |
         static_cast<std::uint32_t>(bytes[offset + 2]) << 16U |
         static_cast<std::uint32_t>(bytes[offset + 3]) << 24U;
}

/// The size of the image at the start of `rest` that failed to parse with
/// `error`, when its sizes can still be trusted to find the next image.
std::optional<std::uint32_t> skippable_size(std::span<const std::uint8_t> rest,
                                            AppHeaderError error) {
  switch (error) {
  case AppHeaderError::checksum_mismatch:
  case AppHeaderError::reserved_flags_set:
  case AppHeaderError::tlv_overruns_header:
  case AppHeaderError::tlv_length_invalid:
  case AppHeaderError::tlv_duplicated:
  case AppHeaderError::main_missing:
  case AppHeaderError::protected_trailer_unsupported:
  case AppHeaderError::init_offset_outside_binary:
  case AppHeaderError::init_offset_not_thumb:
  case AppHeaderError::name_too_long:
  case AppHeaderError::name_not_utf8:
  case AppHeaderError::fixed_flash_mismatch:
    break;
  default:
    return std::nullopt; // The sizes themselves are wrong or cut.
  }
  // The parser checked the sizes before it got to these errors.
  return word_at(rest, 4);
}

} // namespace

std::uint32_t ram_block_size(std::uint32_t minimum_ram) {
  std::uint32_t size = 1024;
  // Halving the size, not doubling the need, which overflows above 2 GiB.
  while (size / 2 < minimum_ram && size < 0x8000'0000U) {
    size *= 2;
  }
  return size;
}

LoadSummary load_processes(const Processes &processes,
                           std::span<const std::uint8_t> apps,
                           std::uint32_t apps_address,
                           std::span<std::uint8_t> ram_pool,
                           std::uint32_t ram_pool_address) {
  LoadSummary summary;
  // The RAM blocks given so far, to refuse an app linked over another.
  std::array<std::pair<std::uint32_t, std::uint32_t>, Processes::capacity>
      blocks{};
  std::size_t block_count = 0;
  std::size_t offset = 0;
  while (offset < apps.size()) {
    const std::span<const std::uint8_t> rest = apps.subspan(offset);
    const std::uint32_t address =
        apps_address + static_cast<std::uint32_t>(offset);
    const AppHeaderResult parsed = parse_app_header(rest, address);
    if (parsed.entry == AppRegionEntry::end_of_apps) {
      break;
    }
    if (parsed.entry == AppRegionEntry::invalid) {
      ++summary.refused;
      report_refusal(address, {}, describe(parsed.error));
      const auto size = skippable_size(rest, parsed.error);
      if (!size) {
        debug::print_line("apps region: no further app can be found");
        break;
      }
      offset += *size;
      continue;
    }
    const AppHeader &header = parsed.header;
    offset += header.total_size;
    if (parsed.entry == AppRegionEntry::padding || !header.is_enabled()) {
      continue;
    }
    const auto refuse = [&](std::string_view why) {
      ++summary.refused;
      report_refusal(address, header.name, why);
    };
    if (!header.has_fixed_addresses) {
      refuse("not linked for fixed addresses (this kernel loads no "
             "position-independent apps)");
      continue;
    }
    const std::uint32_t ram = header.fixed_addresses.ram;
    const std::uint32_t size = ram_block_size(header.minimum_ram_size);
    if (ram < ram_pool_address || (ram & (size - 1)) != 0 ||
        size > ram_pool.size() ||
        ram - ram_pool_address > ram_pool.size() - size) {
      refuse("its RAM is not a block of the process RAM pool");
      continue;
    }
    bool overlaps = false;
    for (std::size_t index = 0; index < block_count; ++index) {
      overlaps =
          overlaps || (ram < blocks[index].first + blocks[index].second &&
                       blocks[index].first < ram + size);
    }
    if (overlaps) {
      refuse("its RAM overlaps an app loaded before it");
      continue;
    }
    const ProcessMemory memory(address, rest.first(header.total_size), ram,
                               ram_pool.subspan(ram - ram_pool_address, size));
    const Result loaded =
        processes.load(header.name, memory, address + header.init_offset,
                       header.minimum_ram_size);
    if (!loaded.is_ok()) {
      refuse(loaded.error() == ErrorCode::no_memory
                 ? "no room (the process table is full, or its RAM too small)"
                 : "the kernel could not start it");
      continue;
    }
    blocks[block_count++] = {ram, size};
    ++summary.loaded;
  }
  return summary;
}

// Unsafe API (its declaration says so, with the promise the caller makes).
std::span<std::uint8_t> memory_at(std::uint32_t address, std::size_t size) {
  return {
      reinterpret_cast<std::uint8_t *>(static_cast<std::uintptr_t>(address)),
      size};
}

} // namespace kernel::process
