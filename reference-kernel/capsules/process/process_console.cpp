/// The process console: parsing a line, and each command's answer.
#include "capsules/process/process_console.h"

#include "kernel/number_text.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace capsules::process {

using kernel::process::Processes;

namespace {

/// `text` without leading and trailing spaces.
constexpr std::string_view trimmed(std::string_view text) {
  while (!text.empty() && text.front() == ' ') {
    text.remove_prefix(1);
  }
  while (!text.empty() && text.back() == ' ') {
    text.remove_suffix(1);
  }
  return text;
}

static_assert(trimmed("  kill  app ") == "kill  app");

} // namespace

void ProcessConsole::line_received(std::string_view line) const {
  const std::string_view text = trimmed(line);
  const std::size_t space = text.find(' ');
  const std::string_view command = text.substr(0, space);
  const std::string_view name = space == std::string_view::npos
                                    ? std::string_view{}
                                    : trimmed(text.substr(space));
  if (command.empty()) {
    return;
  }
  if (command == "list") {
    list();
  } else if (command == "help") {
    help();
  } else if (command == "stop") {
    control(command, name, Control::stop, "stopped ");
  } else if (command == "start") {
    control(command, name, Control::start, "started ");
  } else if (command == "kill") {
    control(command, name, Control::kill, "killed ");
  } else if (command == "restart") {
    control(command, name, Control::restart, "restarted ");
  } else if (command == "fault") {
    fault(name);
  } else {
    console_.write("unknown command '");
    console_.write(command);
    console_.write_line("' (help lists the commands)");
  }
}

void ProcessConsole::input_stopped(kernel::ErrorCode error) const {
  console_.write("process console: input stopped (");
  console_.write(kernel::name(error));
  console_.write_line(")");
}

void ProcessConsole::list() const {
  console_.write_line("slot name state restarts memory");
  for (std::size_t slot = 0; slot < Processes::capacity; ++slot) {
    const std::optional<kernel::process::ProcessInfo> info =
        processes_.info(slot);
    if (!info) {
      continue;
    }
    write_decimal(static_cast<std::uint32_t>(slot));
    console_.write(" ");
    console_.write(info->name);
    console_.write(" ");
    console_.write(kernel::process::name(info->state));
    console_.write(" ");
    write_decimal(info->restart_count);
    console_.write(" ram ");
    write_hexadecimal(info->memory.ram_start());
    console_.write(" used ");
    write_decimal(info->app_break - info->memory.ram_start());
    console_.write(" grants ");
    write_decimal(info->memory.ram_end() - info->kernel_break);
    console_.write(" of ");
    write_decimal(info->memory.ram_end() - info->memory.ram_start());
    console_.write_line("");
  }
}

void ProcessConsole::help() const {
  console_.write_line("commands: list, stop NAME, start NAME, kill NAME,");
  console_.write_line("  restart NAME, fault NAME, help");
}

void ProcessConsole::control(std::string_view command, std::string_view name,
                             Control action, std::string_view done) const {
  const std::optional<std::size_t> slot = find(command, name);
  if (!slot) {
    return;
  }
  const kernel::Result result = [this, action, index = *slot] {
    switch (action) {
    case Control::stop:
      return processes_.stop(index);
    case Control::start:
      return processes_.resume(index);
    case Control::kill:
      return processes_.kill(index);
    case Control::restart:
      return processes_.restart(index);
    }
    return kernel::Result::failure(kernel::ErrorCode::no_support);
  }();
  if (result.is_ok()) {
    console_.write(done);
    console_.write_line(name);
    return;
  }
  console_.write(command);
  console_.write(" ");
  console_.write(name);
  console_.write(": refused (");
  console_.write(kernel::name(result.error()));
  console_.write_line(")");
}

void ProcessConsole::fault(std::string_view name) const {
  const std::optional<std::size_t> slot = find("fault", name);
  if (!slot) {
    return;
  }
  const std::optional<kernel::process::ProcessInfo> info =
      processes_.info(*slot);
  console_.write(name);
  if (!info || !info->last_fault) {
    console_.write_line(": no fault");
    return;
  }
  const kernel::process::FaultRecord &record = *info->last_fault;
  console_.write(": ");
  console_.write(record.name.empty() ? "exception" : record.name);
  console_.write(" (exception ");
  write_decimal(record.exception);
  console_.write(") CFSR ");
  write_hexadecimal(record.fault_status);
  console_.write(" address ");
  if (record.address) {
    write_hexadecimal(*record.address);
  } else {
    console_.write("unknown");
  }
  console_.write_line("");
}

std::optional<std::size_t> ProcessConsole::find(std::string_view command,
                                                std::string_view name) const {
  if (name.empty()) {
    console_.write(command);
    console_.write(": which process? (");
    console_.write(command);
    console_.write_line(" NAME)");
    return std::nullopt;
  }
  const std::optional<std::size_t> slot = processes_.find(name);
  if (!slot) {
    console_.write("no process named '");
    console_.write(name);
    console_.write_line("'");
  }
  return slot;
}

void ProcessConsole::write_decimal(std::uint32_t number) const {
  console_.write(kernel::decimal(number).view());
}

void ProcessConsole::write_hexadecimal(std::uint32_t number) const {
  console_.write(kernel::hexadecimal(number).view());
}

} // namespace capsules::process
