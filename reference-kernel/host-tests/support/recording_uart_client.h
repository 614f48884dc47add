/// Test support: a UART client that logs completions and keeps its leases.
#ifndef HOST_TESTS_SUPPORT_RECORDING_UART_CLIENT_H
#define HOST_TESTS_SUPPORT_RECORDING_UART_CLIENT_H

#include "kernel/hil/uart.h"
#include "kernel/result.h"

#include <leash/lease.h>
#include <leash/take_cell.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace host_tests {

/// The transmit and receive client of a UART driver under test: it logs
/// every completion (the count, the result, the bytes received) and puts
/// each lease it gets back into its cell, where the test finds it.
class RecordingUartClient final : public kernel::hil::uart::TransmitClient,
                                  public kernel::hil::uart::ReceiveClient {
public:
  void transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                   kernel::Result result) const override {
    transmits.push_back({length, result});
    transmit_buffer.put(std::move(buffer));
  }
  void received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                kernel::Result result) const override {
    std::string bytes;
    for (std::size_t index = 0; index < length; ++index) {
      bytes.push_back(static_cast<char>(buffer[index]));
    }
    receptions.push_back({bytes, result});
    receive_buffer.put(std::move(buffer));
  }

  /// One ended transmission.
  struct Transmit {
    std::size_t length;
    kernel::Result result;
  };
  /// One ended reception.
  struct Reception {
    std::string bytes;
    kernel::Result result;
  };
  /// Every ended transmission, in order.
  mutable std::vector<Transmit> transmits;
  /// Every ended reception, in order.
  mutable std::vector<Reception> receptions;
  /// The transmit lease while no transmission runs.
  leash::TakeCell<leash::Lease<std::uint8_t>> transmit_buffer;
  /// The receive lease while no reception runs.
  leash::TakeCell<leash::Lease<std::uint8_t>> receive_buffer;
};

/// Whether the request that answered `refusal` was accepted; if not, puts
/// the lease back into `home` and keeps the reason in `why`.
inline bool accepted(kernel::hil::uart::BufferRefusal refusal,
                     const leash::TakeCell<leash::Lease<std::uint8_t>> &home,
                     std::optional<kernel::ErrorCode> &why) {
  if (!refusal) {
    return true;
  }
  why = refusal.error();
  home.put(std::move(refusal).value());
  return false;
}

} // namespace host_tests

#endif // HOST_TESTS_SUPPORT_RECORDING_UART_CLIENT_H
