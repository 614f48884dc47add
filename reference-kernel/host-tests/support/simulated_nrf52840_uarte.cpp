/// Test support: the nRF52840 UARTE model's registers, line and EasyDMA.
#include "support/simulated_nrf52840_uarte.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace host_tests {
namespace {

using chips::nrf52840::Signal;
using chips::nrf52840::UarteEnable;
using chips::nrf52840::UarteEnableValue;
using chips::nrf52840::UarteErrorSource;
using chips::nrf52840::UarteInterrupt;

/// The address of register `location`.
template <typename Register>
std::uintptr_t address_of(const Register &location) {
  return reinterpret_cast<std::uintptr_t>(&location);
}

/// Whether event register `event` is set.
template <typename Register> bool is_raised(const Register &event) {
  return (event.hardware_value() & Signal::active.shifted_mask()) != 0;
}

} // namespace

SimulatedNrf52840Uarte::SimulatedNrf52840Uarte() {
  // The reset values that matter: every line disconnected.
  registers.pin_rts.set_hardware_value(0xFFFF'FFFF);
  registers.pin_txd.set_hardware_value(0xFFFF'FFFF);
  registers.pin_cts.set_hardware_value(0xFFFF'FFFF);
  registers.pin_rxd.set_hardware_value(0xFFFF'FFFF);
  registers::simulation::attach(*this);
  chips::nrf52840::simulation::attached_data_ram.set(this);
}

SimulatedNrf52840Uarte::~SimulatedNrf52840Uarte() {
  chips::nrf52840::simulation::attached_data_ram.set(nullptr);
  registers::simulation::detach();
}

std::uint32_t SimulatedNrf52840Uarte::device_address(std::uintptr_t host) {
  return data_ram_.device_address(host);
}

void SimulatedNrf52840Uarte::check_untouched(Transfer &transfer,
                                             const char *what) {
  if (transfer.memory == nullptr) {
    return;
  }
  if (std::memcmp(transfer.memory, transfer.expected.data(), transfer.length) !=
      0) {
    ADD_FAILURE() << what
                  << " buffer changed while EasyDMA owned it: the CPU "
                     "touched a buffer in flight";
    // Reported once: later checks of this transfer look for new changes.
    transfer.expected.assign(transfer.memory,
                             transfer.memory + transfer.length);
  }
}

void SimulatedNrf52840Uarte::raise(
    registers::ReadWrite<std::uint32_t, Signal> &event) {
  event.set_hardware_value(1);
}

bool SimulatedNrf52840Uarte::enabled() const {
  return UarteEnable::enable.extract(registers.enable.hardware_value()) ==
         static_cast<std::uint32_t>(UarteEnableValue::enabled);
}

std::uint64_t SimulatedNrf52840Uarte::read(std::uintptr_t address,
                                           std::uint64_t stored) {
  if (address == address_of(registers.interrupt_enable_set) ||
      address == address_of(registers.interrupt_enable_clear)) {
    return registers.interrupt_enable.hardware_value(); // Both read INTEN.
  }
  return stored;
}

std::uint64_t SimulatedNrf52840Uarte::write(std::uintptr_t address,
                                            std::uint64_t value,
                                            std::uint64_t stored) {
  const bool trigger = (value & Signal::active.shifted_mask()) != 0;
  if (address == address_of(registers.start_tx)) {
    if (trigger) {
      start_tx();
    }
    return 0;
  }
  if (address == address_of(registers.stop_tx)) {
    if (trigger) {
      stop_tx();
    }
    return 0;
  }
  if (address == address_of(registers.start_rx)) {
    if (trigger) {
      start_rx();
    }
    return 0;
  }
  if (address == address_of(registers.stop_rx)) {
    if (trigger) {
      stop_rx();
    }
    return 0;
  }
  if (address == address_of(registers.flush_rx)) {
    if (trigger) {
      ADD_FAILURE() << "FLUSHRX is not modelled";
    }
    return 0;
  }
  if (address == address_of(registers.interrupt_enable_set)) {
    registers.interrupt_enable.set_hardware_value(
        registers.interrupt_enable.hardware_value() |
        static_cast<std::uint32_t>(value));
    return 0;
  }
  if (address == address_of(registers.interrupt_enable_clear)) {
    registers.interrupt_enable.set_hardware_value(
        registers.interrupt_enable.hardware_value() &
        ~static_cast<std::uint32_t>(value));
    return 0;
  }
  if (address == address_of(registers.error_source)) {
    return stored & ~value; // Write 1 to clear.
  }
  return value; // Events (written 0 to clear) and plain settings.
}

void SimulatedNrf52840Uarte::start_tx() {
  if (!enabled()) {
    return;
  }
  if (tx_.active) {
    ADD_FAILURE() << "STARTTX while EasyDMA still holds a transmit buffer";
    return;
  }
  raise(registers.event_tx_started);
  const std::uint32_t pointer = registers.txd.pointer.hardware_value();
  const std::size_t length = registers.txd.maximum_count.hardware_value();
  tx_ = Transfer{};
  tx_.active = true;
  tx_.length = length;
  tx_.memory = data_ram_.host_memory(pointer, length, "TXD");
  if (tx_.memory == nullptr) {
    end_tx(); // Nothing sent; the driver gets its ENDTX all the same.
    return;
  }
  // EasyDMA owns these bytes from now until ENDTX: remember them, and send
  // what was remembered.
  tx_.expected.assign(tx_.memory, tx_.memory + length);
  if (!hold_transmitter_) {
    send(length);
  }
}

void SimulatedNrf52840Uarte::send(std::size_t count) {
  if (!tx_.active || tx_.memory == nullptr) {
    return;
  }
  const std::size_t bytes = std::min(count, tx_.length - tx_.done);
  for (std::size_t index = 0; index < bytes; ++index) {
    sent.push_back(static_cast<char>(tx_.expected[tx_.done]));
    ++tx_.done;
    raise(registers.event_tx_ready);
  }
  if (tx_.done == tx_.length) {
    end_tx();
  }
}

void SimulatedNrf52840Uarte::stop_tx() {
  if (tx_.active) {
    end_tx(); // ENDTX is raised even though not every byte was sent.
  }
  raise(registers.event_tx_stopped);
}

void SimulatedNrf52840Uarte::end_tx() {
  check_untouched(tx_, "TXD");
  registers.txd.amount.set_hardware_value(static_cast<std::uint32_t>(tx_.done));
  tx_.active = false;
  raise(registers.event_end_tx);
}

void SimulatedNrf52840Uarte::start_rx() {
  if (!enabled()) {
    return;
  }
  if (rx_.active) {
    ADD_FAILURE() << "STARTRX while EasyDMA still holds a receive buffer";
    return;
  }
  receiver_running_ = true;
  raise(registers.event_rx_started);
  const std::uint32_t pointer = registers.rxd.pointer.hardware_value();
  const std::size_t length = registers.rxd.maximum_count.hardware_value();
  rx_ = Transfer{};
  rx_.active = true;
  rx_.length = length;
  rx_.memory = data_ram_.host_memory(pointer, length, "RXD");
  registers.rxd.amount.set_hardware_value(0);
  if (rx_.memory == nullptr) {
    end_rx();
    return;
  }
  rx_.expected.assign(rx_.memory, rx_.memory + length);
  // Bytes that waited in the FIFO go to the new buffer first.
  while (rx_.active && !fifo_.empty()) {
    const std::uint8_t byte = fifo_.front();
    fifo_.pop_front();
    dma_write(byte);
  }
}

void SimulatedNrf52840Uarte::stop_rx() {
  if (!receiver_running_) {
    return;
  }
  if (rx_.active) {
    end_rx(); // The ENDRX that a stop always raises before RXTO.
  }
  receiver_running_ = false;
  raise(registers.event_rx_timeout);
}

void SimulatedNrf52840Uarte::end_rx() {
  check_untouched(rx_, "RXD");
  registers.rxd.amount.set_hardware_value(static_cast<std::uint32_t>(rx_.done));
  rx_.active = false;
  raise(registers.event_end_rx);
}

void SimulatedNrf52840Uarte::receive(std::string_view bytes) {
  for (const char byte : bytes) {
    arrive(static_cast<std::uint8_t>(byte));
  }
}

void SimulatedNrf52840Uarte::arrive(std::uint8_t byte) {
  if (!enabled() || !receiver_running_) {
    return; // Nobody listens: the byte is lost without a trace.
  }
  if (rx_.active && rx_.memory != nullptr) {
    dma_write(byte);
    return;
  }
  if (fifo_.size() < fifo_depth) {
    fifo_.push_back(byte);
    raise(registers.event_rx_ready);
    return;
  }
  line_error(UarteErrorSource::overrun.shifted_mask()); // Lost.
}

void SimulatedNrf52840Uarte::dma_write(std::uint8_t byte) {
  check_untouched(rx_, "RXD");
  rx_.memory[rx_.done] = byte;
  rx_.expected[rx_.done] = byte;
  ++rx_.done;
  registers.rxd.amount.set_hardware_value(static_cast<std::uint32_t>(rx_.done));
  raise(registers.event_rx_ready);
  if (rx_.done == rx_.length) {
    end_rx();
  }
}

void SimulatedNrf52840Uarte::line_error(std::uint32_t sources) {
  registers.error_source.set_hardware_value(
      registers.error_source.hardware_value() | sources);
  raise(registers.event_error);
}

bool SimulatedNrf52840Uarte::interrupt_line() const {
  const std::uint32_t enabled_events =
      registers.interrupt_enable.hardware_value();
  const auto pending = [enabled_events](const auto &event,
                                        UarteInterrupt::Field bit) {
    return is_raised(event) && (enabled_events & bit.shifted_mask()) != 0;
  };
  return pending(registers.event_cts, UarteInterrupt::cts) ||
         pending(registers.event_ncts, UarteInterrupt::ncts) ||
         pending(registers.event_rx_ready, UarteInterrupt::rx_ready) ||
         pending(registers.event_end_rx, UarteInterrupt::end_rx) ||
         pending(registers.event_tx_ready, UarteInterrupt::tx_ready) ||
         pending(registers.event_end_tx, UarteInterrupt::end_tx) ||
         pending(registers.event_error, UarteInterrupt::error) ||
         pending(registers.event_rx_timeout, UarteInterrupt::rx_timeout) ||
         pending(registers.event_rx_started, UarteInterrupt::rx_started) ||
         pending(registers.event_tx_started, UarteInterrupt::tx_started) ||
         pending(registers.event_tx_stopped, UarteInterrupt::tx_stopped);
}

} // namespace host_tests
