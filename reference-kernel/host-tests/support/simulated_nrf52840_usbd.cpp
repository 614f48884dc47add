/// Test support: the nRF52840 USBD model's registers, bus transactions and
/// EasyDMA.
#include "support/simulated_nrf52840_usbd.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

namespace host_tests {
namespace {

using chips::nrf52840::usbd_endpoint_count;
using chips::nrf52840::UsbdEndpointStall;
using chips::nrf52840::UsbdEvent;
using chips::nrf52840::UsbdEventCause;

/// The address of register `location`.
template <typename Register>
std::uintptr_t address_of(const Register &location) {
  return reinterpret_cast<std::uintptr_t>(&location);
}

/// The index of `address` in the register array `array`, or -1.
template <typename Register, std::size_t N>
int index_in(const Register (&array)[N], std::uintptr_t address) {
  for (std::size_t index = 0; index < N; ++index) {
    if (address == address_of(array[index])) {
      return static_cast<int>(index);
    }
  }
  return -1;
}

/// How often the driver may poll a running transfer's END event before
/// EasyDMA is done: a packet takes it microseconds.
constexpr std::size_t end_polls_to_finish = 4;

/// The largest packet of a bulk or control endpoint.
constexpr std::size_t max_packet = 64;

} // namespace

SimulatedNrf52840Usbd::SimulatedNrf52840Usbd() {
  // Reset values: endpoint 0 enabled in both directions.
  registers.endpoint_in_enable.set_hardware_value(1);
  registers.endpoint_out_enable.set_hardware_value(1);
  registers::simulation::attach(*this);
  chips::nrf52840::simulation::attached_data_ram.set(this);
}

SimulatedNrf52840Usbd::~SimulatedNrf52840Usbd() {
  chips::nrf52840::simulation::attached_data_ram.set(nullptr);
  registers::simulation::detach();
}

std::uint32_t SimulatedNrf52840Usbd::device_address(std::uintptr_t host) {
  return data_ram_.device_address(host);
}

void SimulatedNrf52840Usbd::raise(UsbdEvent &event) {
  event.set_hardware_value(1);
}

void SimulatedNrf52840Usbd::add_bits(
    registers::Aliased<std::uint32_t, chips::nrf52840::UsbdEndpointStatus>
        &status,
    std::uint32_t bits) {
  status.set_hardware_value(status.hardware_value() | bits);
}

const UsbdEvent *SimulatedNrf52840Usbd::event_of_bit(unsigned bit) const {
  // INTEN bit n belongs to the event at 0x100 + 4n.
  const auto base = address_of(registers.event_usb_reset);
  const auto *event = reinterpret_cast<const UsbdEvent *>(base + 4 * bit);
  return bit <= 24 ? event : nullptr;
}

bool SimulatedNrf52840Usbd::interrupt_line() const {
  const std::uint32_t enabled = registers.interrupt_enable.hardware_value();
  for (unsigned bit = 0; bit <= 24; ++bit) {
    if ((enabled & (1U << bit)) != 0 &&
        event_of_bit(bit)->hardware_value() != 0) {
      return true;
    }
  }
  return false;
}

bool SimulatedNrf52840Usbd::connected() const {
  return registers.enable.hardware_value() == 1 &&
         registers.pull_up.hardware_value() == 1;
}

std::uint32_t SimulatedNrf52840Usbd::address() const {
  return registers.usb_address.hardware_value();
}

bool SimulatedNrf52840Usbd::endpoint_enabled(bool in,
                                             std::uint8_t number) const {
  const auto &enable =
      in ? registers.endpoint_in_enable : registers.endpoint_out_enable;
  return (enable.hardware_value() & (1U << number)) != 0;
}

bool SimulatedNrf52840Usbd::halted(bool in, std::uint8_t number) const {
  return (in ? registers.halted_in[number] : registers.halted_out[number])
             .hardware_value() != 0;
}

std::uint64_t SimulatedNrf52840Usbd::read(std::uintptr_t address,
                                          std::uint64_t stored) {
  if (address == address_of(registers.interrupt_enable_set) ||
      address == address_of(registers.interrupt_enable_clear)) {
    return registers.interrupt_enable.hardware_value(); // Both read INTEN.
  }
  if (dma_.active) {
    const UsbdEvent &end = dma_.in
                               ? registers.event_end_endpoint_in[dma_.number]
                               : registers.event_end_endpoint_out[dma_.number];
    if (address == address_of(end) && ++dma_.end_polls >= end_polls_to_finish) {
      finish_dma(); // The driver waited long enough: EasyDMA is done.
      return end.hardware_value();
    }
  }
  return stored;
}

std::uint64_t SimulatedNrf52840Usbd::write(std::uintptr_t address,
                                           std::uint64_t value,
                                           std::uint64_t stored) {
  const auto value32 = static_cast<std::uint32_t>(value);
  const bool trigger = (value32 & 1U) != 0;
  if (const int number = index_in(registers.start_endpoint_in, address);
      number >= 0) {
    if (trigger) {
      start_dma(true, static_cast<std::uint8_t>(number));
    }
    return 0;
  }
  if (const int number = index_in(registers.start_endpoint_out, address);
      number >= 0) {
    if (trigger) {
      start_dma(false, static_cast<std::uint8_t>(number));
    }
    return 0;
  }
  if (address == address_of(registers.endpoint0_receive_out)) {
    if (trigger) {
      if (dma_.active) {
        ADD_FAILURE() << "EP0RCVOUT while EasyDMA runs a transfer";
      }
      out_[0].armed = true;
    }
    return 0;
  }
  if (address == address_of(registers.endpoint0_status)) {
    if (trigger) {
      if (dma_.active) {
        ADD_FAILURE() << "EP0STATUS while EasyDMA runs a transfer";
      }
      if (set_address_pending_) {
        ADD_FAILURE() << "EP0STATUS for SET_ADDRESS, whose status stage the "
                         "hardware answers by itself";
      }
      status_enabled_ = true;
    }
    return 0;
  }
  if (address == address_of(registers.endpoint0_stall)) {
    if (trigger) {
      endpoint0_stalled_ = true;
    }
    return 0;
  }
  if (address == address_of(registers.start_iso_in) ||
      address == address_of(registers.start_iso_out) ||
      address == address_of(registers.drive_lines) ||
      address == address_of(registers.release_lines)) {
    if (trigger) {
      ADD_FAILURE() << "a USBD task the model does not implement";
    }
    return 0;
  }
  if (address == address_of(registers.interrupt_enable_set)) {
    registers.interrupt_enable.set_hardware_value(
        registers.interrupt_enable.hardware_value() | value32);
    return 0;
  }
  if (address == address_of(registers.interrupt_enable_clear)) {
    registers.interrupt_enable.set_hardware_value(
        registers.interrupt_enable.hardware_value() & ~value32);
    return 0;
  }
  if (address == address_of(registers.event_cause) ||
      address == address_of(registers.endpoint_status) ||
      address == address_of(registers.endpoint_data_status)) {
    return stored & ~value; // Write 1 to clear.
  }
  if (address == address_of(registers.endpoint_stall)) {
    endpoint_stall(value32);
    return 0; // Write-only.
  }
  if (const int number = index_in(registers.size_out, address); number >= 0) {
    // Any write arms the endpoint; a packet still waiting for EasyDMA is
    // lost (embassy #6688).
    EndpointBuffer &endpoint = out_[static_cast<std::size_t>(number)];
    if (endpoint.full) {
      ++dropped_out_packets_;
      endpoint.full = false;
      endpoint.data.clear();
    }
    endpoint.armed = true;
    return stored;
  }
  if (address == address_of(registers.enable)) {
    enable(value32);
    return value;
  }
  if (address == address_of(registers.pull_up)) {
    power_log_.push_back("PULLUP=" + std::to_string(value32));
    return value;
  }
  if (address == address_of(errata.erratum171)) {
    power_log_.push_back("EC14=" + std::to_string(value32));
    return value;
  }
  if (address == address_of(errata.erratum187)) {
    power_log_.push_back("ED14=" + std::to_string(value32));
    return value;
  }
  if (address == address_of(registers.erratum166_a) ||
      address == address_of(registers.erratum166_b)) {
    power_log_.push_back("166=" + std::to_string(value32));
    return value;
  }
  return value; // Events (written 0 to clear), settings, errata.
}

void SimulatedNrf52840Usbd::enable(std::uint32_t value) {
  power_log_.push_back("ENABLE=" + std::to_string(value));
  if (value == 1) {
    // The USBD is ready at once, as far as the driver can tell.
    registers.event_cause.set_hardware_value(
        registers.event_cause.hardware_value() |
        UsbdEventCause::ready.shifted_mask());
    return;
  }
  forget_endpoints();
  registers.usb_address.set_hardware_value(0);
}

void SimulatedNrf52840Usbd::endpoint_stall(std::uint32_t value) {
  const auto number =
      static_cast<std::uint8_t>(UsbdEndpointStall::endpoint.extract(value));
  const bool in = UsbdEndpointStall::in.extract(value) != 0;
  const std::uint32_t stall = UsbdEndpointStall::stall.extract(value);
  if (number == 0) {
    ADD_FAILURE() << "EPSTALL on endpoint 0: the driver stalls control "
                     "transfers with EP0STALL";
    return;
  }
  (in ? registers.halted_in[number] : registers.halted_out[number])
      .set_hardware_value(stall);
}

void SimulatedNrf52840Usbd::forget_endpoints() {
  for (std::size_t number = 0; number < usbd_endpoint_count; ++number) {
    in_[number] = EndpointBuffer{};
    out_[number] = EndpointBuffer{};
    registers.halted_in[number].set_hardware_value(0);
    registers.halted_out[number].set_hardware_value(0);
  }
  endpoint0_stalled_ = false;
  status_enabled_ = false;
  set_address_pending_ = false;
}

void SimulatedNrf52840Usbd::start_dma(bool in, std::uint8_t number) {
  const std::string name = (in ? "IN" : "OUT") + std::to_string(number);
  if (dma_.active) {
    ADD_FAILURE() << "STARTEP" << name
                  << " while EasyDMA runs another transfer: the USBD runs "
                     "one at a time across all endpoints";
    return;
  }
  if (!endpoint_enabled(in, number)) {
    ADD_FAILURE() << "STARTEP" << name << " on an endpoint not enabled";
  }
  if (registers.erratum199.hardware_value() != 0x82) {
    ADD_FAILURE() << "STARTEP" << name
                  << " without erratum 199's 0x82 at USBD+0xC1C: the USBD "
                     "may ignore tasks during the transfer";
  }
  EndpointBuffer &endpoint = in ? in_[number] : out_[number];
  if (!in && !endpoint.full) {
    ADD_FAILURE() << "STARTEP" << name << " with no packet received";
  }
  const auto &channel =
      in ? registers.dma_in[number] : registers.dma_out[number];
  const std::size_t length = channel.maximum_count.hardware_value();
  if (length > max_packet) {
    ADD_FAILURE() << "EP" << name << ".MAXCNT " << length
                  << " is more than 7 bits hold for a packet";
  }
  dma_ = Transfer{};
  dma_.active = true;
  dma_.in = in;
  dma_.number = number;
  dma_.length = std::min(length, max_packet);
  dma_.memory = data_ram_.host_memory(channel.pointer.hardware_value(),
                                      dma_.length, ("EP" + name).c_str());
  if (dma_.memory != nullptr) {
    dma_.snapshot.assign(dma_.memory, dma_.memory + dma_.length);
  }
  ++dma_transfers_;
  dma_log_.push_back(name);
  raise(registers.event_started);
  add_bits(registers.endpoint_status, 1U << (number + (in ? 0 : 16)));
}

bool SimulatedNrf52840Usbd::finish_dma() {
  if (!dma_.active) {
    return false;
  }
  Transfer transfer = std::move(dma_);
  dma_ = Transfer{};
  const std::string name =
      (transfer.in ? "IN" : "OUT") + std::to_string(transfer.number);
  // A zero-length transfer has no snapshot to compare (memcmp must not
  // see its null data pointer).
  if (transfer.memory != nullptr && transfer.length != 0 &&
      std::memcmp(transfer.memory, transfer.snapshot.data(), transfer.length) !=
          0) {
    ADD_FAILURE() << "the EP" << name
                  << " buffer changed while EasyDMA owned it: the CPU "
                     "touched a buffer in flight";
  }
  // A transfer whose PTR was refused moved nothing, and ends all the same.
  std::size_t amount = 0;
  if (transfer.in) {
    EndpointBuffer &endpoint = in_[transfer.number];
    endpoint.data = transfer.snapshot;
    endpoint.full = true;
    amount = endpoint.data.size();
  } else {
    EndpointBuffer &endpoint = out_[transfer.number];
    if (transfer.memory != nullptr) {
      amount = std::min(transfer.length, endpoint.data.size());
      std::copy_n(endpoint.data.begin(), amount, transfer.memory);
    }
    endpoint.data.clear();
    endpoint.full = false;
    // The hardware re-arms a data endpoint after its ENDEPOUT; endpoint 0
    // waits for the next EP0RCVOUT.
    endpoint.armed = transfer.number != 0;
  }
  auto &channel = transfer.in ? registers.dma_in[transfer.number]
                              : registers.dma_out[transfer.number];
  channel.amount.set_hardware_value(static_cast<std::uint32_t>(amount));
  raise(transfer.in ? registers.event_end_endpoint_in[transfer.number]
                    : registers.event_end_endpoint_out[transfer.number]);
  return true;
}

void SimulatedNrf52840Usbd::connect_vbus(bool present) {
  // VBUS and the regulator's output together: the HFXO is the board's.
  power.usb_regulator_status.set_hardware_value(present ? 3 : 0);
  if (present) {
    power.event_usb_detected.set_hardware_value(1);
    power.event_usb_power_ready.set_hardware_value(1);
  } else {
    power.event_usb_removed.set_hardware_value(1);
  }
}

void SimulatedNrf52840Usbd::bus_reset() {
  if (!connected()) {
    return;
  }
  // A running transfer is not stopped: it ends with its END event.
  forget_endpoints();
  registers.endpoint_in_enable.set_hardware_value(1);
  registers.endpoint_out_enable.set_hardware_value(1);
  registers.usb_address.set_hardware_value(0);
  raise(registers.event_usb_reset);
}

void SimulatedNrf52840Usbd::setup(const std::array<std::uint8_t, 8> &bytes) {
  if (!connected()) {
    return;
  }
  for (std::size_t index = 0; index < bytes.size(); ++index) {
    registers.setup[index].set_hardware_value(bytes[index]);
  }
  // A SETUP is always ACKed: it ends a stall and abandons the previous
  // transfer's packets in endpoint 0's buffers.
  endpoint0_stalled_ = false;
  status_enabled_ = false;
  in_[0] = EndpointBuffer{};
  out_[0] = EndpointBuffer{};
  set_address_pending_ = bytes[0] == 0x00 && bytes[1] == 5;
  pending_address_ = bytes[2] & 0x7FU;
  raise(registers.event_endpoint0_setup);
}

InResult SimulatedNrf52840Usbd::host_in(std::uint8_t number) {
  if (!connected() || number >= usbd_endpoint_count ||
      !endpoint_enabled(true, number)) {
    return {Handshake::none, {}};
  }
  if (number == 0 ? endpoint0_stalled_ : halted(true, 0 + number)) {
    return {Handshake::stall, {}};
  }
  EndpointBuffer &endpoint = in_[number];
  if (!endpoint.full) {
    return {Handshake::nak, {}};
  }
  InResult result{Handshake::ack, std::move(endpoint.data)};
  endpoint = EndpointBuffer{};
  if (number == 0) {
    raise(registers.event_endpoint0_data_done);
  } else {
    add_bits(registers.endpoint_data_status, 1U << number);
    raise(registers.event_endpoint_data);
  }
  return result;
}

Handshake SimulatedNrf52840Usbd::host_out(std::uint8_t number,
                                          std::span<const std::uint8_t> bytes) {
  if (!connected() || number >= usbd_endpoint_count ||
      !endpoint_enabled(false, number)) {
    return Handshake::none;
  }
  if (bytes.size() > max_packet) {
    ADD_FAILURE() << "the host sent a packet of " << bytes.size()
                  << " bytes: full speed carries at most 64";
    return Handshake::none;
  }
  if (number == 0 ? endpoint0_stalled_ : halted(false, number)) {
    return Handshake::stall;
  }
  EndpointBuffer &endpoint = out_[number];
  if (!endpoint.armed || endpoint.full) {
    return Handshake::nak;
  }
  endpoint.armed = false;
  endpoint.full = true;
  endpoint.data.assign(bytes.begin(), bytes.end());
  registers.size_out[number].set_hardware_value(
      static_cast<std::uint32_t>(bytes.size()));
  if (number == 0) {
    raise(registers.event_endpoint0_data_done);
  } else {
    add_bits(registers.endpoint_data_status, 1U << (16 + number));
    raise(registers.event_endpoint_data);
  }
  return Handshake::ack;
}

Handshake SimulatedNrf52840Usbd::host_status() {
  if (!connected()) {
    return Handshake::none;
  }
  if (endpoint0_stalled_) {
    return Handshake::stall;
  }
  if (set_address_pending_) {
    // The hardware answers SET_ADDRESS's status stage and takes the address.
    set_address_pending_ = false;
    registers.usb_address.set_hardware_value(pending_address_);
    return Handshake::ack;
  }
  if (!status_enabled_) {
    return Handshake::nak;
  }
  status_enabled_ = false;
  return Handshake::ack;
}

void SimulatedNrf52840Usbd::suspend() {
  registers.event_cause.set_hardware_value(
      registers.event_cause.hardware_value() |
      UsbdEventCause::suspend.shifted_mask());
  raise(registers.event_usb_event);
}

void SimulatedNrf52840Usbd::resume() {
  registers.event_cause.set_hardware_value(
      registers.event_cause.hardware_value() |
      UsbdEventCause::resume.shifted_mask());
  raise(registers.event_usb_event);
}

} // namespace host_tests
