/// app_header_dump: prints what the kernel's parser reads in an apps region
/// file (one image or a bundle), entry by entry, as the loader walks it.
/// Used by app_image_test.py to check tools/make-app-image's output against
/// the kernel's own parser.
///
///   app_header_dump FILE [ADDRESS]   (ADDRESS: where FILE starts in flash,
///                                     default 0x00200000)
///
/// Exit status 0 when the walk ends at an end-of-apps marker or the file's
/// end, 1 on an invalid header, 2 on a usage or read error.
#include "kernel/process/app_header.h"

#include <cinttypes>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <span>
#include <string>
#include <vector>

namespace {

using kernel::process::AppHeader;
using kernel::process::AppHeaderResult;
using kernel::process::AppRegionEntry;
using kernel::process::parse_app_header;

void print_app(const AppHeader &header) {
  std::printf("  version %u\n", unsigned{header.version});
  std::printf("  header_size %u\n", unsigned{header.header_size});
  std::printf("  total_size %" PRIu32 "\n", header.total_size);
  std::printf("  flags 0x%08" PRIx32 "%s%s\n", header.flags,
              header.is_enabled() ? " enabled" : "",
              header.is_sticky() ? " sticky" : "");
  std::printf("  init_offset 0x%08" PRIx32 "\n", header.init_offset);
  std::printf("  minimum_ram_size %" PRIu32 "\n", header.minimum_ram_size);
  std::printf("  name %.*s\n", static_cast<int>(header.name.size()),
              header.name.data());
  if (header.has_fixed_addresses) {
    std::printf("  fixed_addresses ram 0x%08" PRIx32 " flash 0x%08" PRIx32 "\n",
                header.fixed_addresses.ram, header.fixed_addresses.flash);
  }
}

} // namespace

int main(int argc, char **argv) {
  if (argc < 2 || argc > 3) {
    std::fprintf(stderr, "usage: app_header_dump FILE [ADDRESS]\n");
    return 2;
  }
  std::ifstream file(argv[1], std::ios::binary);
  if (!file) {
    std::fprintf(stderr, "app_header_dump: cannot read %s\n", argv[1]);
    return 2;
  }
  const std::vector<std::uint8_t> bytes(std::istreambuf_iterator<char>(file),
                                        {});
  std::uint32_t address =
      argc == 3 ? static_cast<std::uint32_t>(std::strtoul(argv[2], nullptr, 0))
                : 0x00200000U;
  std::span<const std::uint8_t> region(bytes);
  while (true) {
    const AppHeaderResult result = parse_app_header(region, address);
    std::printf("at 0x%08" PRIx32 ": ", address);
    switch (result.entry) {
    case AppRegionEntry::end_of_apps:
      std::printf("end of apps\n");
      return 0;
    case AppRegionEntry::invalid:
      std::printf("invalid: %s (%s)\n", name(result.error),
                  describe(result.error));
      return 1;
    case AppRegionEntry::padding:
      std::printf("padding of %" PRIu32 " bytes\n", result.header.total_size);
      break;
    case AppRegionEntry::app:
      std::printf("app\n");
      print_app(result.header);
      break;
    }
    // total_size was checked against the region's size.
    region = region.subspan(result.header.total_size);
    address += result.header.total_size;
  }
}
