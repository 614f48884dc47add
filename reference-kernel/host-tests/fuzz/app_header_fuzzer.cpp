/// libFuzzer target: arbitrary bytes as an apps region, walked as the kernel's
/// loader walks it; whatever the parser accepts must hold together.
#include "kernel/process/app_header.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

namespace {

using kernel::process::AppHeaderError;
using kernel::process::AppHeaderResult;
using kernel::process::AppRegionEntry;

/// Where the input starts in flash (the apps region on mps2-an386).
constexpr std::uint32_t region_address = 0x00200000;

/// Stops the run: the parser accepted something inconsistent.
void require(bool condition) {
  if (!condition) {
    std::abort();
  }
}

/// Checks what the parser promises about an accepted header.
void check_accepted(const AppHeaderResult &result,
                    std::span<const std::uint8_t> region,
                    std::uint32_t address) {
  const auto &header = result.header;
  require(result.error == AppHeaderError::none);
  require(header.version == 2);
  require(header.header_size >= 16 && header.header_size % 4 == 0);
  require(header.total_size >= header.header_size &&
          header.total_size % 4 == 0 && header.total_size <= region.size());
  if (result.entry != AppRegionEntry::app) {
    return;
  }
  require((header.init_offset & 1U) == 1U);
  require(header.init_offset - 1U >= header.header_size &&
          header.init_offset + 1U <= header.total_size);
  require(header.name.size() <= 32);
  if (!header.name.empty()) {
    // The name lies inside the header, in the region.
    const auto *start = region.data();
    const auto *name =
        reinterpret_cast<const std::uint8_t *>(header.name.data());
    require(name >= start + 16 &&
            name + header.name.size() <= start + header.header_size);
    require(kernel::process::is_valid_utf8({name, header.name.size()}));
  }
  if (header.has_fixed_addresses &&
      header.fixed_addresses.flash != 0xFFFFFFFFU) {
    require(header.fixed_addresses.flash == address);
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  std::span<const std::uint8_t> region(data, size);
  std::uint32_t address = region_address;
  // Each entry takes at least 16 bytes, so the walk ends.
  while (true) {
    const AppHeaderResult result =
        kernel::process::parse_app_header(region, address);
    if (result.entry == AppRegionEntry::end_of_apps) {
      return 0;
    }
    if (result.entry == AppRegionEntry::invalid) {
      require(result.error != AppHeaderError::none);
      require(describe(result.error)[0] != '\0');
      return 0;
    }
    check_accepted(result, region, address);
    region = region.subspan(result.header.total_size);
    address += result.header.total_size;
  }
}
