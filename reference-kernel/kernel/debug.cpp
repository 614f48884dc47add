/// The kernel's debug output: the board's writer, kept in a cell.
#include "kernel/debug.h"

#include <leash/optional_cell.h>

namespace kernel::debug {
namespace {

/// The writer registered by the board, if any. A cell, because it is global
/// state that changes after start-up (Tock keeps its debug writer the same
/// way).
constinit leash::OptionalCell<const DebugWriter *> registered_writer;

} // namespace

void set_writer(const DebugWriter &writer) { registered_writer.set(&writer); }

void print(std::string_view text) {
  registered_writer.map(
      [text](const DebugWriter *writer) { writer->write(text); });
}

void print_line(std::string_view text) {
  print(text);
  print("\r\n");
}

bool is_drained() {
  return registered_writer.map_or(
      true, [](const DebugWriter *writer) { return writer->is_drained(); });
}

void print_at_end(std::string_view text) {
  registered_writer.map(
      [text](const DebugWriter *writer) { writer->write_at_end(text); });
}

} // namespace kernel::debug
