/// build_device: one declaration in, both descriptors out.
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

/// The most endpoints one function has (CDC-ACM has three).
inline constexpr std::size_t max_endpoints_per_function = 4;

/// Where the builder put one function: what its class driver needs to know
/// to serve it.
struct FunctionPlacement {
  /// The number of the function's first interface.
  std::size_t first_interface = 0;
  /// How many endpoints the function has.
  std::size_t endpoint_count = 0;
  /// Their bEndpointAddress values, in the order the function declares them
  /// (each function names the positions: `CdcAcmFunction::data_in_slot`).
  std::array<std::uint8_t, max_endpoints_per_function> endpoint_addresses{};
};

/// A configuration descriptor's bytes and where each function went.
template <std::size_t length, std::size_t function_count>
struct BuiltConfiguration {
  /// The configuration descriptor with everything under it.
  std::array<std::uint8_t, length> bytes{};
  /// One per function, in declaration order.
  std::array<FunctionPlacement, function_count> functions{};
};

/// Both descriptors of a device with one configuration, as the control
/// endpoint sends them.
template <std::size_t configuration_length, std::size_t function_count>
struct DeviceDescriptors {
  /// GET_DESCRIPTOR(device).
  DeviceDescriptorBytes device{};
  /// GET_DESCRIPTOR(configuration, 0): the configuration descriptor followed
  /// by all interface, class-specific and endpoint descriptors.
  std::array<std::uint8_t, configuration_length> configuration{};
  /// How many interfaces the configuration has (its bNumInterfaces).
  std::size_t interface_count = 0;
  /// Where each function went, in declaration order.
  std::array<FunctionPlacement, function_count> functions{};
};

/// The full configuration descriptor of `configuration` and `functions`,
/// in order, and where each function went: interfaces are numbered from 0
/// across the functions, endpoints get the lowest free number in their
/// direction unless they name one, and wTotalLength and bNumInterfaces are
/// counted. Consteval: a mistake (an endpoint number used twice, a value
/// too large for its field) stops the build.
template <UsbFunction... Functions>
consteval auto
build_configuration(const ConfigurationDescription &configuration,
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

  BuiltConfiguration<total_length, sizeof...(Functions)> built{};
  DescriptorWriter writer{built.bytes};
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
  std::size_t function_index = 0;
  (
      [&] {
        FunctionPlacement &placement = built.functions[function_index];
        placement.first_interface = next_interface;
        const std::size_t start = writer.position();
        const std::size_t first_endpoint = endpoints.assigned_count();
        functions.write_descriptors(writer, next_interface, endpoints);
        if (writer.position() - start != Functions::descriptor_length) {
          descriptor_error::
              function_length_differs_from_its_descriptor_length();
        }
        placement.endpoint_count = endpoints.assigned_count() - first_endpoint;
        if (placement.endpoint_count > max_endpoints_per_function) {
          descriptor_error::too_many_endpoints_in_one_function();
          return;
        }
        for (std::size_t slot = 0; slot < placement.endpoint_count; ++slot) {
          placement.endpoint_addresses[slot] =
              endpoints.assigned(first_endpoint + slot);
        }
        next_interface += Functions::interface_count;
        ++function_index;
      }(),
      ...);
  writer.expect_full();
  return built;
}

/// Only the bytes of `build_configuration`.
template <UsbFunction... Functions>
consteval auto
build_configuration_descriptor(const ConfigurationDescription &configuration,
                               const Functions &...functions) {
  return build_configuration(configuration, functions...).bytes;
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
  const auto built = build_configuration(configuration, functions...);
  return DeviceDescriptors<configuration_length, sizeof...(Functions)>{
      .device = build_device_descriptor(device, uses_interface_association, 1),
      .configuration = built.bytes,
      .interface_count = (Functions::interface_count + ...),
      .functions = built.functions,
  };
}

} // namespace capsules::usb

#endif // CAPSULES_USB_CONFIGURATION_BUILDER_H
