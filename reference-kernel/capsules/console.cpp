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

Console::Console(const kernel::hil::uart::Uart &uart,
                 leash::Lease<std::uint8_t> transmit_buffer,
                 leash::Lease<std::uint8_t> receive_buffer)
    : uart_(uart), transmit_buffer_(std::move(transmit_buffer)),
      receive_buffer_(std::move(receive_buffer)),
      output_(ByteQueue<output_capacity>{}),
      line_(LineBuffer<line_capacity>{}) {}

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
  const std::size_t queued =
      output_
          .map([text](ByteQueue<output_capacity> &queue) {
            std::size_t count = 0;
            while (count < text.size() &&
                   queue.push(static_cast<std::uint8_t>(text[count]))) {
              ++count;
            }
            return count;
          })
          .value_or(0);
  send_queued_output();
  return queued;
}

std::size_t Console::write_line(std::string_view text) const {
  const std::size_t queued = write(text);
  return queued + write("\r\n");
}

bool Console::output_is_drained() const {
  return transmit_buffer_.is_some() &&
         output_.map_or(true, [](ByteQueue<output_capacity> &queue) {
           return queue.is_empty();
         });
}

void Console::send_queued_output() const {
  leash::Lease<std::uint8_t> buffer = transmit_buffer_.take();
  if (buffer.is_empty()) {
    return; // A transmission runs; its callback sends the rest.
  }
  buffer.reset();
  // Copied, not removed: the bytes leave the queue only when the UART says
  // it sent them, so a refusal or an aborted transmission loses none.
  const std::size_t length =
      output_
          .map([&buffer](ByteQueue<output_capacity> &queue) {
            std::size_t count = 0;
            while (count < buffer.size() && count < queue.size()) {
              buffer[count] = queue.peek(count).value_or(0);
              ++count;
            }
            return count;
          })
          .value_or(0);
  if (length == 0) {
    transmit_buffer_.put(std::move(buffer));
    return;
  }
  kernel::hil::uart::BufferRefusal refusal =
      uart_.transmit(std::move(buffer), length);
  if (refusal) {
    // Busy or off: the bytes stay queued, and the next write tries again.
    transmit_buffer_.put(std::move(refusal).value());
  }
}

void Console::transmitted(leash::Lease<std::uint8_t> buffer, std::size_t sent,
                          kernel::Result result) const {
  // The UART sent the first `sent` bytes of the queue (nothing is removed
  // from its front while a transmission runs); the rest of the chunk, if the
  // transmission was aborted or failed, stays at the front and goes next.
  output_.map(
      [sent](ByteQueue<output_capacity> &queue) { queue.discard(sent); });
  transmit_buffer_.put(std::move(buffer));
  if (!result.is_ok() && sent == 0) {
    return; // No progress: wait for the next write rather than spin.
  }
  send_queued_output();
  if (output_is_drained()) {
    client_.map([](const ConsoleClient *client) { client->output_drained(); });
  }
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
