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
    request_exit(0);
  } else if (line == "help") {
    console_.write_line("commands: help, led 0, led 1, ticks, exit");
  } else if (line == "led 0" || line == "led 1") {
    const std::size_t index = line == "led 0" ? 0 : 1;
    console_.write(line);
    if (!leds_.toggle(index).is_ok()) {
      console_.write_line(": no such LED on this board");
      return;
    }
    console_.write_line(leds_.is_on(index) ? " on" : " off");
  } else if (line == "ticks") {
    console_.write_line(kernel::decimal(time_.now()).view());
  } else {
    console_.write("unknown command: ");
    console_.write_line(line);
  }
}

void Shell::end_of_input() const { request_exit(0); }

void Shell::output_drained() const {
  if (exit_requested_.get()) {
    kernel_.stop(exit_status_.get());
  }
}

void Shell::input_stopped(kernel::ErrorCode error) const {
  console_.write("console: input stopped: ");
  console_.write_line(kernel::name(error));
  request_exit(1);
}

void Shell::request_exit(int status) const {
  exit_requested_.set(true);
  exit_status_.set(status);
  console_.write_line("bye");
  if (console_.output_is_drained()) {
    kernel_.stop(status);
  }
}

} // namespace boards::qemu_mps2_an386
