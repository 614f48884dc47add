/// Declarations the USB descriptor builders must refuse to compile.
//
// Not part of the test binary: CMake compiles this file once per case, with
// USB_ERROR_CASE set to the case's number, and each compile must fail with
// the error function named in CMakeLists.txt. Without USB_ERROR_CASE the file
// must compile, which shows that each failure comes from its case alone.
#include "capsules/usb/descriptors.h"

#include <array>
#include <string_view>

namespace {

using namespace capsules::usb;

#ifndef USB_ERROR_CASE
#define USB_ERROR_CASE 0
#endif

#if USB_ERROR_CASE == 0
// The control: a valid device.
constexpr auto device = build_device(
    DeviceDescription{}, ConfigurationDescription{}, CdcAcmFunction{});
static_assert(device.configuration.size() == 75);
// Every string index it names exists.
constexpr std::array<std::string_view, 3> strings{"leash", "port", "console"};
constexpr auto named_device = build_device(
    DeviceDescription{.manufacturer_string = 1, .product_string = 2},
    ConfigurationDescription{}, CdcAcmFunction{.name_string = 3});
constexpr DescriptorTable table{named_device, StringDescriptors{strings}};
#elif USB_ERROR_CASE == 1
// Endpoint IN 2 twice: the first port's data IN took it automatically.
constexpr auto device = build_device(
    DeviceDescription{}, ConfigurationDescription{}, CdcAcmFunction{},
    CdcAcmFunction{.notification = {.number = 2, .interval = 16}});
#elif USB_ERROR_CASE == 2
// Endpoint number 16 does not exist.
constexpr auto device =
    build_device(DeviceDescription{}, ConfigurationDescription{},
                 CdcAcmFunction{.data_out = {.number = 16}});
#elif USB_ERROR_CASE == 3
// More than 500 mA.
constexpr auto device = build_device(
    DeviceDescription{},
    ConfigurationDescription{.max_power_milliamperes = 501}, CdcAcmFunction{});
#elif USB_ERROR_CASE == 4
// A bulk packet size full speed does not allow.
constexpr auto device =
    build_device(DeviceDescription{}, ConfigurationDescription{},
                 CdcAcmFunction{.data_in = {.max_packet_size = 512}});
#elif USB_ERROR_CASE == 5
// An interrupt endpoint that is never polled.
constexpr auto device = build_device(
    DeviceDescription{}, ConfigurationDescription{},
    CdcAcmFunction{.notification = {.max_packet_size = 16, .interval = 0}});
#elif USB_ERROR_CASE == 6
// A HID function without its report descriptor.
constexpr auto device =
    build_device(DeviceDescription{}, ConfigurationDescription{},
                 HidFunction<HidEndpoints::in_only>{});
#elif USB_ERROR_CASE == 7
// 127 UTF-16 units: one more than a string descriptor holds.
constexpr std::array<std::string_view, 1> strings{
    "0123456789012345678901234567890123456789012345678901234567890123456789"
    "012345678901234567890123456789012345678901234567890123456"};
constexpr StringDescriptors descriptors{strings};
#elif USB_ERROR_CASE == 8
// bMaxPacketSize0 of 12.
constexpr auto device =
    build_device(DeviceDescription{.control_max_packet_size = 12},
                 ConfigurationDescription{}, CdcAcmFunction{});
#elif USB_ERROR_CASE == 9
// bConfigurationValue 0 means "not configured".
constexpr auto device =
    build_device(DeviceDescription{}, ConfigurationDescription{.value = 0},
                 CdcAcmFunction{});
#elif USB_ERROR_CASE == 10
// The port's name is string 3; the table has two strings.
constexpr std::array<std::string_view, 2> strings{"leash", "port"};
constexpr auto device =
    build_device(DeviceDescription{.manufacturer_string = 1},
                 ConfigurationDescription{}, CdcAcmFunction{.name_string = 3});
constexpr DescriptorTable table{device, StringDescriptors{strings}};
#endif

} // namespace
