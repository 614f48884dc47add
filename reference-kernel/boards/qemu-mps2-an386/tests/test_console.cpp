/// The test image's console client: the last line and a count.
#include "boards/qemu-mps2-an386/tests/test_console.h"

#include <leash/numeric_cell.h>

#include <string_view>

namespace boards::qemu_mps2_an386::tests {

using Line = capsules::LineBuffer<capsules::Console::line_capacity>;

void TestConsole::line_received(std::string_view line) const {
  last_line_.map([line](Line &last) {
    last.clear();
    for (const char character : line) {
      static_cast<void>(last.append(character));
    }
  });
  leash::increment(line_count_);
}

bool TestConsole::last_line_is(std::string_view expected) const {
  return last_line_.map_or(
      false, [expected](Line &last) { return last.view() == expected; });
}

} // namespace boards::qemu_mps2_an386::tests
