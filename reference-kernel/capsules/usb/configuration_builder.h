/// The configuration builder: one declaration of a device and its functions,
/// both descriptors' bytes.
#ifndef CAPSULES_USB_CONFIGURATION_BUILDER_H
#define CAPSULES_USB_CONFIGURATION_BUILDER_H

#include "capsules/usb/descriptor_writer.h"
#include "capsules/usb/device_descriptor.h"
#include "capsules/usb/endpoint.h"
#include "capsules/usb/usb_codes.h"

#include <array>
#include <concepts>
#include <cstddef>
#include <cstdint>

namespace capsules::usb {

/// A function of a configuration (CdcAcmFunction, HidFunction): a group of
/// interfaces that writes its own descriptors, given its first interface
/// number and the configuration's endpoint allocator. Its length and
/// interface count are static, so that they size the configuration's array.
template <typename Function>
concept UsbFunction =
    requires(const Function &function, DescriptorWriter &writer,
             EndpointAllocator &endpoints) {
      { Function::interface_count } -> std::convertible_to<std::size_t>;
      { Function::descriptor_length } -> std::convertible_to<std::size_t>;
      { Function::uses_interface_association } -> std::convertible_to<bool>;
      function.write_descriptors(writer, std::size_t{0}, endpoints);
    };

/// The length of a configuration descriptor's own header (USB 2.0 table
/// 9-10).
inline constexpr std::size_t configuration_header_length = 9;

/// bmAttributes bit 7, which USB 2.0 requires set (it meant bus powered in
/// USB 1.0).
inline constexpr std::uint8_t configuration_attributes_reserved = 0x80;

/// How the device is powered in this configuration (bmAttributes bit 6).
enum class Power : std::uint8_t { bus_powered = 0x00, self_powered = 0x40 };

/// The configuration's own fields (USB 2.0 table 9-10).
struct ConfigurationDescription {
  /// bConfigurationValue: what SET_CONFIGURATION selects it by (not 0,
  /// which means "unconfigured").
  std::uint8_t value = 1;
  /// iConfiguration (0 for none).
  std::uint8_t name_string = 0;
  /// bmAttributes bit 6.
  Power power = Power::bus_powered;
  /// bmAttributes bit 5: the device can wake a suspended host.
  bool remote_wakeup = false;
  /// The most current drawn from the bus, in milliamperes (bMaxPower counts
  /// 2 mA units; 500 mA at most).
  std::uint16_t max_power_milliamperes = 100;
};

/// Both descriptors of a device with one configuration, as the control
/// endpoint sends them.
template <std::size_t configuration_length> struct DeviceDescriptors {
  /// GET_DESCRIPTOR(device).
  DeviceDescriptorBytes device{};
  /// GET_DESCRIPTOR(configuration, 0): the configuration descriptor followed
  /// by all interface, class-specific and endpoint descriptors.
  std::array<std::uint8_t, configuration_length> configuration{};
  /// How many interfaces the configuration has (its bNumInterfaces).
  std::size_t interface_count = 0;
};

/// The full configuration descriptor of `configuration` and `functions`,
/// in order: interfaces are numbered from 0 across the functions, endpoints
/// get the lowest free number in their direction unless they name one, and
/// wTotalLength and bNumInterfaces are counted. Consteval: a mistake (an
/// endpoint number used twice, a value too large for its field) stops the
/// build.
template <UsbFunction... Functions>
consteval auto
build_configuration_descriptor(const ConfigurationDescription &configuration,
                               const Functions &...functions) {
  static_assert(sizeof...(Functions) > 0, "a configuration has a function");
  constexpr std::size_t total_length =
      configuration_header_length + (Functions::descriptor_length + ...);
  static_assert(total_length <= 0xFFFF, "wTotalLength is 16 bits");
  constexpr std::size_t interface_count = (Functions::interface_count + ...);
  static_assert(interface_count <= 0xFF, "bNumInterfaces is 8 bits");

  if (configuration.value == 0 || configuration.max_power_milliamperes > 500) {
    descriptor_error::value_does_not_fit_its_field();
  }

  std::array<std::uint8_t, total_length> bytes{};
  DescriptorWriter writer{bytes};
  writer.byte_from(configuration_header_length);
  writer.byte(static_cast<std::uint8_t>(DescriptorType::configuration));
  writer.word_from(total_length);
  writer.byte_from(interface_count);
  writer.byte(configuration.value);
  writer.byte(configuration.name_string);
  writer.byte(
      static_cast<std::uint8_t>(configuration_attributes_reserved |
                                static_cast<std::uint8_t>(configuration.power) |
                                (configuration.remote_wakeup ? 0x20 : 0x00)));
  // Rounded up, so that the declared budget is never below the real one.
  writer.byte_from((configuration.max_power_milliamperes + 1U) / 2U);

  EndpointAllocator endpoints{};
  std::size_t next_interface = 0;
  (
      [&] {
        const std::size_t start = writer.position();
        functions.write_descriptors(writer, next_interface, endpoints);
        if (writer.position() - start != Functions::descriptor_length) {
          descriptor_error::written_less_than_the_computed_length();
        }
        next_interface += Functions::interface_count;
      }(),
      ...);
  writer.expect_full();
  return bytes;
}

/// Both descriptors of a device with one configuration, built from one
/// declaration: the device's fields, the configuration's fields, and its
/// functions in interface order. The device class is derived (IAD class
/// when any function needs an IAD) unless `device` names one.
template <UsbFunction... Functions>
consteval auto build_device(const DeviceDescription &device,
                            const ConfigurationDescription &configuration,
                            const Functions &...functions) {
  constexpr bool uses_interface_association =
      (Functions::uses_interface_association || ...);
  constexpr std::size_t configuration_length =
      configuration_header_length + (Functions::descriptor_length + ...);
  return DeviceDescriptors<configuration_length>{
      .device = build_device_descriptor(device, uses_interface_association, 1),
      .configuration =
          build_configuration_descriptor(configuration, functions...),
      .interface_count = (Functions::interface_count + ...),
  };
}

} // namespace capsules::usb

#endif // CAPSULES_USB_CONFIGURATION_BUILDER_H
