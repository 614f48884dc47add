/// Test support: a UART that records transmissions and replays receptions.
#ifndef HOST_TESTS_SUPPORT_FAKE_UART_H
#define HOST_TESTS_SUPPORT_FAKE_UART_H

#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/lease.h>
#include <leash/optional_cell.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace host_tests {

/// A UART HIL device under the test's control: it keeps the lease of each
/// accepted request until the test completes the request, records every
/// transmitted chunk, and can be told to refuse requests.
class FakeUart final : public kernel::hil::uart::Uart {
public:
  kernel::Result
  configure(const kernel::hil::uart::Parameters &) const override {
    return kernel::Result::ok();
  }
  void set_transmit_client(
      const kernel::hil::uart::TransmitClient &client) const override {
    transmit_client_.set(&client);
  }
  kernel::hil::uart::BufferRefusal transmit(leash::Lease<std::uint8_t> buffer,
                                            std::size_t length) const override {
    if (const auto error = refusal(transmitting_.is_some(), length, buffer)) {
      return kernel::hil::uart::BufferRefusal::refused(*error,
                                                       std::move(buffer));
    }
    std::string chunk;
    for (std::size_t index = 0; index < length; ++index) {
      chunk.push_back(static_cast<char>(buffer[index]));
    }
    chunks.push_back(chunk);
    transmit_length_ = length;
    transmitting_.put(std::move(buffer));
    return kernel::hil::uart::BufferRefusal::accepted();
  }
  /// Not modelled: the test ends transmissions with `end_transmit`.
  kernel::Result abort_transmit() const override {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  void set_receive_client(
      const kernel::hil::uart::ReceiveClient &client) const override {
    receive_client_.set(&client);
  }
  kernel::hil::uart::BufferRefusal receive(leash::Lease<std::uint8_t> buffer,
                                           std::size_t length) const override {
    if (const auto error = refusal(receiving_.is_some(), length, buffer)) {
      return kernel::hil::uart::BufferRefusal::refused(*error,
                                                       std::move(buffer));
    }
    receive_length_ = length;
    receiving_.put(std::move(buffer));
    ++receive_requests;
    return kernel::hil::uart::BufferRefusal::accepted();
  }
  /// Accepted while a reception runs (counted in `receive_aborts`); the
  /// test ends it with `complete_receive` and `ErrorCode::cancel`, as the
  /// kernel loop would after the abort returned.
  kernel::Result abort_receive() const override {
    if (!receiving_.is_some()) {
      return kernel::Result::failure(kernel::ErrorCode::off);
    }
    ++receive_aborts;
    return kernel::Result::ok();
  }

  /// Whether a transmission is in progress.
  [[nodiscard]] bool is_transmitting() const { return transmitting_.is_some(); }
  /// Whether a reception is in progress.
  [[nodiscard]] bool is_receiving() const { return receiving_.is_some(); }

  /// Ends the transmission in progress successfully.
  void complete_transmit() const {
    end_transmit(transmit_length_, kernel::Result::ok());
  }

  /// Ends the transmission in progress after `sent` of its bytes, with
  /// `result` (an abort, a line error).
  void end_transmit(std::size_t sent, kernel::Result result) const {
    leash::Lease<std::uint8_t> buffer = transmitting_.take();
    transmit_client_.map([&buffer, sent, result](auto *client) {
      client->transmitted(std::move(buffer), sent, result);
    });
  }

  /// Ends the reception in progress with `bytes` (at most the requested
  /// length) and `result`.
  void complete_receive(const std::string &bytes,
                        kernel::Result result = kernel::Result::ok()) const {
    leash::Lease<std::uint8_t> buffer = receiving_.take();
    std::size_t length = 0;
    for (; length < bytes.size() && length < receive_length_; ++length) {
      buffer[length] = static_cast<std::uint8_t>(bytes[length]);
    }
    receive_client_.map([&buffer, length, result](auto *client) {
      client->received(std::move(buffer), length, result);
    });
  }

  /// Types `text` one byte per reception, as a console receives it.
  void type(const std::string &text) const {
    for (const char character : text) {
      complete_receive(std::string(1, character));
    }
  }

  /// Completes transmissions until none is left; returns everything sent.
  std::string drain() const {
    while (is_transmitting()) {
      complete_transmit();
    }
    std::string all;
    for (const std::string &chunk : chunks) {
      all += chunk;
    }
    return all;
  }

  /// Whether requests are refused, and why.
  mutable bool refuse = false;
  /// The reason given when `refuse` is set.
  mutable kernel::ErrorCode refuse_with = kernel::ErrorCode::off;
  /// Every accepted transmission's bytes, in order.
  mutable std::vector<std::string> chunks;
  /// How many receptions were accepted.
  mutable std::size_t receive_requests = 0;
  /// How many aborts of a running reception were accepted.
  mutable std::size_t receive_aborts = 0;

private:
  /// Why a request for `length` bytes of `buffer` is refused, if it is.
  [[nodiscard]] std::optional<kernel::ErrorCode>
  refusal(bool busy, std::size_t length,
          const leash::Lease<std::uint8_t> &buffer) const {
    if (refuse) {
      return refuse_with;
    }
    return kernel::hil::uart::refusal_reason(busy, length, buffer.size(),
                                             /*ready=*/true);
  }

  leash::OptionalCell<const kernel::hil::uart::TransmitClient *>
      transmit_client_;
  leash::OptionalCell<const kernel::hil::uart::ReceiveClient *> receive_client_;
  leash::TakeCell<leash::Lease<std::uint8_t>> transmitting_;
  leash::TakeCell<leash::Lease<std::uint8_t>> receiving_;
  mutable std::size_t transmit_length_ = 0;
  mutable std::size_t receive_length_ = 0;
};

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_FAKE_UART_H
