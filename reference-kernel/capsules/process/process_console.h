/// ProcessConsole: the operator's commands for processes, typed at the
/// kernel's console.
#ifndef CAPSULES_PROCESS_PROCESS_CONSOLE_H
#define CAPSULES_PROCESS_PROCESS_CONSOLE_H

#include "capsules/console.h"
#include "kernel/process/processes.h"
#include "kernel/result.h"

#include <leash/annotations.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace capsules::process {

/// A line-oriented process console (a small Tock process_console.rs): each
/// line the `Console` receives is one command, and each command answers
/// with one line or more.
///
/// - `list`: one line per process: slot, name, state, restarts, and memory
///   (its RAM start, what it uses below its break, the grant region, and
///   the block's size);
/// - `stop NAME`, `start NAME`: stop a process and let it run again;
/// - `kill NAME`: end it; `restart NAME`: start it again from its entry;
/// - `fault NAME`: its last fault: exception, CFSR, faulting address;
/// - `help`: the commands.
///
/// Unknown commands, missing names and unknown names each get one line
/// that says so; a command the process table refuses gets one line with
/// Tock's name of the reason. An empty line does nothing.
class LEASH_COMPONENT ProcessConsole final : public ConsoleClient {
public:
  /// A process console for `processes`, answering on `console`. The board
  /// makes it the console's client and starts the console's input.
  ProcessConsole(const Console &console,
                 const kernel::process::Processes &processes)
      : console_(console), processes_(processes) {}

  // ConsoleClient

  /// Runs the command on `line`.
  void line_received(std::string_view line) const override;
  /// Control-D: nothing to end (the console keeps listening).
  void end_of_input() const override {}
  /// Output was sent: nothing waits for it.
  void output_drained() const override {}
  /// The console stopped receiving: says so, for whoever reads the output.
  void input_stopped(kernel::ErrorCode error) const override;

private:
  /// What a control command does to a process.
  enum class Control : std::uint8_t {
    /// `Processes::stop`.
    stop,
    /// `Processes::resume`.
    start,
    /// `Processes::kill`.
    kill,
    /// `Processes::restart`.
    restart,
  };

  /// Writes the `list` table.
  void list() const;
  /// Writes the commands.
  void help() const;
  /// Does `action` to the process named `name`, writing `done` and its
  /// name, or why not.
  void control(std::string_view command, std::string_view name, Control action,
               std::string_view done) const;
  /// Writes the last fault of the process named `name`.
  void fault(std::string_view name) const;
  /// The slot of the process named `name`; writes why not when there is
  /// none (or no name was given to `command`).
  [[nodiscard]] std::optional<std::size_t> find(std::string_view command,
                                                std::string_view name) const;
  /// Writes `number` in decimal.
  void write_decimal(std::uint32_t number) const;
  /// Writes `number` in hexadecimal.
  void write_hexadecimal(std::uint32_t number) const;

  /// Where answers go.
  const Console &console_;
  /// The process table.
  const kernel::process::Processes &processes_;
};

} // namespace capsules::process

#endif // CAPSULES_PROCESS_PROCESS_CONSOLE_H
