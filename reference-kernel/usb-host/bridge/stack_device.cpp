/// StackDevice: the board's USB stack wired on the simulation.
#include "stack_device.h"

#include "capsules/usb/standard_configurations.h"
#include "hex.h"
#include "support/usb_stack_rig.h"

#include <charconv>
#include <string>
#include <utility>

namespace usb_host {
namespace {

namespace standard = capsules::usb::standard;

/// The declaration of each kind of device.
struct StackDeclaration {
  /// What it answers to GET_DESCRIPTOR.
  const capsules::usb::DescriptorTable &table;
  /// Its device descriptor.
  std::span<const std::uint8_t> device_descriptor;
  /// Where its functions went in the configuration.
  std::span<const capsules::usb::FunctionPlacement> functions;
};

StackDeclaration declaration(StackKind kind) {
  switch (kind) {
  case StackKind::keyboard:
    return {standard::keyboard_descriptor_table,
            standard::keyboard_device.device,
            standard::keyboard_device.functions};
  case StackKind::composite:
    return {standard::composite_descriptor_table,
            standard::composite_device.device,
            standard::composite_device.functions};
  case StackKind::serial:
    break;
  }
  return {standard::serial_port_descriptor_table,
          standard::serial_port_device.device,
          standard::serial_port_device.functions};
}

/// A lease of a whole storage array.
template <std::size_t N>
leash::Lease<std::uint8_t> lease_of(std::uint8_t (&storage)[N]) {
  return leash::Lease<std::uint8_t>::from(storage);
}

} // namespace

StackDevice::StackDevice(StackKind kind, EventSink events)
    : table_(declaration(kind).table),
      device_descriptor_(declaration(kind).device_descriptor),
      usbd_(model_.registers, model_.power, model_.errata),
      host_(model_, [this] { run_kernel_loop(); }) {
  const auto functions = declaration(kind).functions;
  std::size_t driver_count = 0;
  model_.add_data_ram(control_storage_);
  if (kind != StackKind::keyboard) {
    for (auto &storage : serial_storage_) {
      model_.add_data_ram(storage);
    }
    serial_.emplace(usbd_, functions[0], lease_of(serial_storage_[0]),
                    lease_of(serial_storage_[1]), lease_of(serial_storage_[2]));
    serial_echo_.emplace(*serial_, events);
    drivers_[driver_count++] = &*serial_;
  }
  if (kind != StackKind::serial) {
    for (auto &storage : hid_storage_) {
      model_.add_data_ram(storage);
    }
    if (kind == StackKind::keyboard) {
      hid_.emplace(usbd_, standard::boot_keyboard, functions[0],
                   lease_of(hid_storage_[0]));
      keyboard_.emplace(*hid_);
      keyboard_leds_.emplace(*keyboard_, events);
    } else {
      hid_.emplace(usbd_, standard::generic_hid, functions[1],
                   lease_of(hid_storage_[0]), lease_of(hid_storage_[1]));
      hid_generic_.emplace(*hid_);
      hid_echo_.emplace(*hid_generic_, events);
    }
    drivers_[driver_count++] = &*hid_;
  }
  device_.emplace(usbd_, table_, functions,
                  std::span<const capsules::usb::ClassDriver *const>(
                      drivers_.data(), driver_count),
                  lease_of(control_storage_));
}

void StackDevice::run_kernel_loop() {
  host_tests::run_usb_kernel_loop(model_, usbd_);
}

bool StackDevice::attach() {
  model_.connect_vbus(true);
  const bool attached = device_->attach().is_ok();
  run_kernel_loop();
  return attached;
}

void StackDevice::detach() {
  // What the board does when POWER reports USBREMOVED.
  model_.connect_vbus(false);
  usbd_.detach();
  run_kernel_loop();
}

void StackDevice::bus_reset() { host_.bus_reset(); }

host_tests::ControlResult
StackDevice::control(const kernel::hil::usb::SetupBytes &setup,
                     std::span<const std::uint8_t> out_data) {
  const bool in = (setup[0] & 0x80U) != 0;
  const bool has_data = (setup[6] | setup[7]) != 0;
  if (in || !has_data) {
    return host_.control_read(setup);
  }
  return host_.control_write(setup, out_data);
}

host_tests::InResult StackDevice::in_token(std::uint8_t number) {
  host_tests::InResult result = model_.host_in(number);
  run_kernel_loop();
  return result;
}

host_tests::Handshake
StackDevice::out_packet(std::uint8_t number,
                        std::span<const std::uint8_t> bytes) {
  const host_tests::Handshake handshake = model_.host_out(number, bytes);
  run_kernel_loop();
  return handshake;
}

void StackDevice::idle() {
  if (serial_echo_) {
    serial_echo_->flush();
    serial_echo_->start();
    run_kernel_loop();
  }
}

bool StackDevice::command(std::string_view name, std::string_view argument,
                          std::string &error) {
  if (name == "serial-state") {
    if (!serial_) {
      error = "this device has no serial port";
      return false;
    }
    unsigned bits = 0;
    const int base = argument.starts_with("0x") ? 16 : 10;
    const std::string_view digits = base == 16 ? argument.substr(2) : argument;
    const auto [end, status] = std::from_chars(
        digits.data(), digits.data() + digits.size(), bits, base);
    if (status != std::errc{} || end != digits.data() + digits.size() ||
        bits > 0xFFFFU) {
      error = "serial-state takes a 16-bit number, not '" +
              std::string(argument) + "'";
      return false;
    }
    serial_->set_serial_state(static_cast<std::uint16_t>(bits));
    run_kernel_loop();
    return true;
  }
  if (name == "hid-report") {
    const std::optional<std::vector<std::uint8_t>> report = parse_hex(argument);
    if (!report) {
      error = "hid-report takes hex bytes, not '" + std::string(argument) + "'";
      return false;
    }
    kernel::Result sent = kernel::Result::failure(kernel::ErrorCode::size);
    if (keyboard_ &&
        report->size() == capsules::usb::HidKeyboard::report_length) {
      std::array<std::uint8_t, capsules::usb::HidKeyboard::max_keys> keys{};
      std::copy(report->begin() + 2, report->end(), keys.begin());
      sent = keyboard_->press((*report)[0], keys);
    } else if (hid_generic_ &&
               report->size() == capsules::usb::hid::generic_report_size) {
      sent =
          hid_generic_->send(std::span<const std::uint8_t,
                                       capsules::usb::hid::generic_report_size>(
              report->data(), report->size()));
    } else if (!hid_) {
      error = "this device has no HID interface";
      return false;
    }
    run_kernel_loop();
    if (!sent.is_ok()) {
      error = std::string("the device refused the report: ") +
              kernel::name(sent.error());
      return false;
    }
    return true;
  }
  error = "unknown command '" + std::string(name) + "'";
  return false;
}

bool StackDevice::leases_home() const {
  return device_->control_buffer_is_home() &&
         (!serial_ || serial_->buffers_are_home()) &&
         (!hid_ || hid_->buffers_are_home());
}

} // namespace usb_host
