/// The UART mux: turns of transmission, one reception, and their callbacks.
#include "capsules/mux_uart.h"

#include "capsules/uart_device.h"
#include "kernel/panic.h"

#include <utility>

namespace capsules {

using kernel::hil::uart::BufferRefusal;

MuxUart::MuxUart(const kernel::hil::uart::UartData &uart) : uart_(uart) {
  deferred_call_.register_client(*this);
}

void MuxUart::add(const UartDevice &device) const {
  devices_.push_tail(device);
}

bool MuxUart::may_start(const UartDevice &device) const {
  if (transmitting_.is_some()) {
    return false;
  }
  if (ending_.is_some()) {
    // A completion callback runs: its own device may go on, within its
    // turn; any other waits until the turn is decided after the callback.
    return ending_.get() == &device && turns_.get() < turn_length;
  }
  return true;
}

BufferRefusal MuxUart::start_transmit(const UartDevice &device,
                                      leash::Lease<std::uint8_t> buffer,
                                      std::size_t length) const {
  if (transmitting_.is_some()) {
    return BufferRefusal::refused(kernel::ErrorCode::busy, std::move(buffer));
  }
  BufferRefusal refusal = uart_.transmit(std::move(buffer), length);
  if (!refusal) {
    transmitting_.set(&device);
    turns_.set(last_.get() == &device ? turns_.get() + 1 : 1);
    last_.set(&device);
  }
  return refusal;
}

kernel::Result MuxUart::abort_transmit(const UartDevice &device) const {
  if (transmitting_.get() != &device) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  return uart_.abort_transmit();
}

void MuxUart::finish_aborts_later() const { deferred_call_.set(); }

BufferRefusal MuxUart::start_receive(const UartDevice &device,
                                     leash::Lease<std::uint8_t> buffer,
                                     std::size_t length) const {
  if (receiving_.is_some()) {
    return BufferRefusal::refused(kernel::ErrorCode::busy, std::move(buffer));
  }
  BufferRefusal refusal = uart_.receive(std::move(buffer), length);
  if (!refusal) {
    receiving_.set(&device);
  }
  return refusal;
}

kernel::Result MuxUart::abort_receive(const UartDevice &device) const {
  if (receiving_.get() != &device) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  return uart_.abort_receive();
}

void MuxUart::transmitted(leash::Lease<std::uint8_t> buffer, std::size_t length,
                          kernel::Result result) const {
  const auto device = transmitting_.take();
  if (!device.has_value()) {
    kernel::panic("MuxUart: the UART ended a transmission nobody started");
  }
  ending_.set(*device);
  (*device)->transmission_ended(std::move(buffer), length, result);
  ending_.clear();
  if (transmitting_.is_none()) {
    start_next_transmission(*device);
  }
}

void MuxUart::received(leash::Lease<std::uint8_t> buffer, std::size_t length,
                       kernel::Result result) const {
  const auto device = receiving_.take();
  if (!device.has_value()) {
    kernel::panic("MuxUart: the UART ended a reception nobody started");
  }
  (*device)->reception_ended(std::move(buffer), length, result);
}

void MuxUart::handle_deferred_call() const {
  for (const UartDevice &device : devices_) {
    device.finish_abort();
  }
}

void MuxUart::start_next_transmission(const UartDevice *previous) const {
  // Round-robin: the devices after `previous`, then those up to it. A start
  // that the UART refuses ends that device's request and tries the next.
  bool after_previous = previous == nullptr;
  for (int pass = 0; pass < 2 && transmitting_.is_none(); ++pass) {
    for (const UartDevice &device : devices_) {
      if (transmitting_.is_some()) {
        return;
      }
      if (!after_previous) {
        after_previous = &device == previous;
        continue;
      }
      if (device.is_waiting()) {
        device.start_waiting_transmission();
      }
    }
    after_previous = true;
  }
}

} // namespace capsules
