/// TestConsole: the test image's console client, which keeps the last line.
#ifndef BOARDS_QEMU_MPS2_AN386_TESTS_TEST_CONSOLE_H
#define BOARDS_QEMU_MPS2_AN386_TESTS_TEST_CONSOLE_H

#include "capsules/console.h"
#include "capsules/line_buffer.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/map_cell.h>
#include <leash/numeric_cell.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace boards::qemu_mps2_an386::tests {

/// Remembers what arrives at the console, for the receive test to check
/// whenever it runs (QEMU feeds the input at boot, long before).
class LEASH_COMPONENT TestConsole final : public capsules::ConsoleClient {
public:
  /// Copies the line and counts it.
  void line_received(std::string_view line) const override;
  /// Ignored.
  void end_of_input() const override {}
  /// Ignored.
  void output_drained() const override {}
  /// Counted: the receive test fails if input stopped.
  void input_stopped(kernel::ErrorCode) const override {
    leash::increment(input_stops_);
  }

  /// How many lines arrived.
  [[nodiscard]] std::uint32_t line_count() const { return line_count_.get(); }
  /// How many times the console's input stopped.
  [[nodiscard]] std::uint32_t input_stops() const { return input_stops_.get(); }

  /// Whether the last line that arrived is `expected`.
  [[nodiscard]] bool last_line_is(std::string_view expected) const;

private:
  /// The last line.
  leash::MapCell<capsules::LineBuffer<capsules::Console::line_capacity>>
      last_line_{capsules::LineBuffer<capsules::Console::line_capacity>{}};
  /// How many lines arrived.
  leash::Cell<std::uint32_t> line_count_;
  /// How many times input stopped.
  leash::Cell<std::uint32_t> input_stops_;
};

} // namespace boards::qemu_mps2_an386::tests

#endif // BOARDS_QEMU_MPS2_AN386_TESTS_TEST_CONSOLE_H
