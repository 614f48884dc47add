/// The console: the output queue, the input line, and the UART callbacks.
#include "capsules/console.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>

namespace capsules {
namespace {

/// Bytes the console treats specially.
enum Character : std::uint8_t {
  /// Control-D: end of input.
  end_of_transmission = 0x04,
  /// Control-H: erase the last character.
  backspace = 0x08,
  /// Enter on a terminal.
  line_feed = 0x0A,
  /// Enter on a terminal.
  carriage_return = 0x0D,
  /// The first printable character (space).
  first_printable = 0x20,
  /// The last printable character (tilde).
  last_printable = 0x7E,
  /// The key most terminals send for backspace.
  delete_character = 0x7F,
};

/// What erasing a character looks like on a terminal: back, blank, back.
constexpr std::string_view erase_sequence = "\b \b";

} // namespace

Console::Console(const kernel::hil::uart::UartData &uart,
                 leash::Lease<std::uint8_t> transmit_buffer,
                 leash::Lease<std::uint8_t> receive_buffer)
    : uart_(uart), receive_buffer_(std::move(receive_buffer)),
      output_(uart, std::move(transmit_buffer)),
      line_(LineBuffer<line_capacity>{}) {
  output_.set_client(*this);
}

void Console::set_client(const ConsoleClient &client) const {
  client_.set(&client);
}

kernel::Result Console::start_input() const {
  leash::Lease<std::uint8_t> buffer = receive_buffer_.take();
  if (buffer.is_empty()) {
    return kernel::Result::failure(kernel::ErrorCode::already);
  }
  return receive_next(std::move(buffer));
}

std::size_t Console::write(std::string_view text) const {
  return output_.write(text);
}

std::size_t Console::write_line(std::string_view text) const {
  const std::size_t queued = write(text);
  return queued + write("\r\n");
}

bool Console::output_is_drained() const { return output_.is_drained(); }

void Console::transmitted(leash::Lease<std::uint8_t> buffer, std::size_t sent,
                          kernel::Result result) const {
  output_.transmitted(std::move(buffer), sent, result);
}

void Console::output_drained() const {
  client_.map([](const ConsoleClient *client) { client->output_drained(); });
}

void Console::received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                       kernel::Result result) const {
  for (std::size_t index = 0; index < length; ++index) {
    handle_input(buffer[index]);
  }
  if (!result.is_ok() && result.error() == kernel::ErrorCode::cancel) {
    receive_buffer_.put(std::move(buffer)); // Stopped on purpose: stay idle.
    return;
  }
  const kernel::Result restarted = receive_next(std::move(buffer));
  if (!restarted.is_ok()) {
    // The lease is back in its cell: input stays stopped until the client
    // calls start_input again.
    client_.map([restarted](const ConsoleClient *client) {
      client->input_stopped(restarted.error());
    });
  }
}

kernel::Result Console::receive_next(leash::Lease<std::uint8_t> buffer) const {
  buffer.reset();
  kernel::hil::uart::BufferRefusal refusal =
      uart_.receive(std::move(buffer), 1);
  if (refusal) {
    const kernel::ErrorCode error = refusal.error();
    receive_buffer_.put(std::move(refusal).value());
    return kernel::Result::failure(error);
  }
  return kernel::Result::ok();
}

void Console::handle_input(std::uint8_t byte) const {
  const bool after_carriage_return = after_carriage_return_.replace(false);
  switch (byte) {
  case carriage_return:
    after_carriage_return_.set(true);
    finish_line();
    return;
  case line_feed:
    if (!after_carriage_return) {
      finish_line();
    }
    return;
  case end_of_transmission:
    client_.map([](const ConsoleClient *client) { client->end_of_input(); });
    return;
  case backspace:
  case delete_character:
    if (line_.map_or(false, [](LineBuffer<line_capacity> &line) {
          return line.erase_last();
        })) {
      write(erase_sequence);
    }
    return;
  default:
    break;
  }
  if (byte < first_printable || byte > last_printable) {
    return; // Other control characters are ignored.
  }
  const char character = static_cast<char>(byte);
  if (line_.map_or(false, [character](LineBuffer<line_capacity> &line) {
        return line.append(character);
      })) {
    write(std::string_view(&character, 1));
  }
}

void Console::finish_line() const {
  write("\r\n");
  // The line is copied out before the client runs, so that the client is
  // never called while the line's cell is lent out.
  std::array<char, line_capacity> copy{};
  const std::size_t length = line_
                                 .map([&copy](LineBuffer<line_capacity> &line) {
                                   const std::size_t copied =
                                       line.copy_to(copy);
                                   line.clear();
                                   return copied;
                                 })
                                 .value_or(0);
  client_.map([&copy, length](const ConsoleClient *client) {
    client->line_received(std::string_view(copy.data(), length));
  });
}

} // namespace capsules
