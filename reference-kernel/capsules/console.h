/// Console: buffered line output and echoed line input over a UART.
#ifndef CAPSULES_CONSOLE_H
#define CAPSULES_CONSOLE_H

#include "capsules/line_buffer.h"
#include "capsules/transmit_queue.h"
#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/cell.h>
#include <leash/lease.h>
#include <leash/map_cell.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace capsules {

/// Told what the user typed at the console.
class LEASH_COMPONENT ConsoleClient {
public:
  /// A line ended (Enter: carriage return or line feed); `line` is valid
  /// during the call only.
  virtual void line_received(std::string_view line) const = 0;

  /// The user sent end-of-transmission (control-D, byte 0x04).
  virtual void end_of_input() const = 0;

  /// Everything written so far has been sent by the UART.
  virtual void output_drained() const = 0;

  /// The UART refused to go on receiving, because of `error`; input stays
  /// stopped until `Console::start_input` succeeds.
  virtual void input_stopped(kernel::ErrorCode error) const = 0;

protected:
  /// Clients are never destroyed through this interface.
  ~ConsoleClient() = default;
};

/// A console over a UART (the kernel-side half of Tock's console capsule).
/// Output: `write` queues text and returns at once; a TransmitQueue sends it
/// through the console's one transmit lease. Input: the console receives one
/// byte at a time into its receive lease, echoes what is typed, assembles lines
/// (with backspace), and hands each finished line to its client.
class LEASH_COMPONENT Console final : public kernel::hil::uart::TransmitClient,
                                      public kernel::hil::uart::ReceiveClient,
                                      public TransmitQueueClient {
public:
  /// How many bytes of output can wait for the UART.
  static constexpr std::size_t output_capacity = TransmitQueue::capacity;
  /// The longest input line; further characters are ignored.
  static constexpr std::size_t line_capacity = 80;

  /// A console on `uart`, sending through `transmit_buffer` and receiving
  /// through `receive_buffer` (each at least one byte). The board wires it
  /// as the UART's transmit and receive client.
  Console(const kernel::hil::uart::UartData &uart,
          leash::Lease<std::uint8_t> transmit_buffer,
          leash::Lease<std::uint8_t> receive_buffer);

  /// Sends what the user types to `client`.
  void set_client(const ConsoleClient &client) const;

  /// Starts receiving (and echoing). Fails with `ErrorCode::already` while
  /// input runs, or with the reason the UART gave for refusing.
  kernel::Result start_input() const;

  /// Queues `text` for output and returns how many bytes fit; the rest is
  /// dropped (a console never blocks the kernel).
  std::size_t write(std::string_view text) const;

  /// Queues `text` and a line ending ("\r\n"); returns the bytes queued.
  std::size_t write_line(std::string_view text) const;

  /// Whether all output has been sent.
  [[nodiscard]] bool output_is_drained() const;

  // kernel::hil::uart::TransmitClient and ReceiveClient

  /// A chunk of output was sent, whole or in part: the output queue sends
  /// what is left.
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override;
  /// Input arrived: echo it, assemble lines, and receive again.
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result result) const override;

  // TransmitQueueClient

  /// All output was sent: tells the console's client.
  void output_drained() const override;

private:
  /// Handles one typed byte.
  void handle_input(std::uint8_t byte) const;
  /// The line is complete: echo the line ending and hand the line over.
  void finish_line() const;
  /// Asks the UART for the next byte; if it refuses, keeps the lease and
  /// returns the UART's reason.
  kernel::Result receive_next(leash::Lease<std::uint8_t> buffer) const;

  /// The UART underneath.
  const kernel::hil::uart::UartData &uart_;
  /// Who hears about input.
  leash::OptionalCell<const ConsoleClient *> client_;
  /// The receive lease while no reception runs.
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_buffer_;
  /// Output waiting for the UART, and the transmit lease.
  TransmitQueue output_;
  /// The line being typed.
  leash::MapCell<LineBuffer<line_capacity>> line_;
  /// Whether the previous input byte was a carriage return (so that the
  /// line feed of a "\r\n" pair does not end a second, empty line).
  leash::Cell<bool> after_carriage_return_;
};

} // namespace capsules

#endif // CAPSULES_CONSOLE_H
