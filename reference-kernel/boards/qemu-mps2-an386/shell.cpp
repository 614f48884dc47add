/// The shell's commands.
#include "boards/qemu-mps2-an386/shell.h"

#include "kernel/number_text.h"

#include <cstddef>
#include <string_view>

namespace boards::qemu_mps2_an386 {

void Shell::line_received(std::string_view line) const {
  if (line.empty()) {
    return;
  }
  if (line == "exit") {
    request_exit();
  } else if (line == "help") {
    console_.write_line("commands: help, led 0, led 1, ticks, exit");
  } else if (line == "led 0" || line == "led 1") {
    const std::size_t index = line == "led 0" ? 0 : 1;
    static_cast<void>(leds_.toggle(index));
    console_.write(line);
    console_.write_line(leds_.is_on(index) ? " on" : " off");
  } else if (line == "ticks") {
    console_.write_line(kernel::decimal(time_.now()).view());
  } else {
    console_.write("unknown command: ");
    console_.write_line(line);
  }
}

void Shell::end_of_input() const { request_exit(); }

void Shell::output_drained() const {
  if (exit_requested_.get()) {
    kernel_.stop(0);
  }
}

void Shell::request_exit() const {
  exit_requested_.set(true);
  console_.write_line("bye");
  if (console_.output_is_drained()) {
    kernel_.stop(0);
  }
}

} // namespace boards::qemu_mps2_an386
