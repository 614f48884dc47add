/// Test support: the USB stack rig's wiring and its kernel loop.
#include "support/usb_stack_rig.h"

#include "kernel/deferred_call.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace host_tests {
namespace {

/// Which functions a rig may have drivers for.
std::size_t bounded_count(std::size_t count) {
  return std::min(count, UsbStackRig::max_functions);
}

} // namespace

bool run_usb_kernel_loop(SimulatedNrf52840Usbd &model,
                         const chips::nrf52840::Usbd &usbd) {
  for (int round = 0; round < 100; ++round) {
    bool idle = false;
    for (int step = 0; step < 100 && !idle; ++step) {
      if (model.interrupt_line()) {
        usbd.handle_interrupt();
      } else if (!kernel::DeferredCall::service_next_pending()) {
        idle = true;
      }
    }
    if (!idle) {
      ADD_FAILURE() << "the interrupt line stays high";
      return false;
    }
    if (!model.finish_dma()) {
      return true;
    }
  }
  ADD_FAILURE() << "EasyDMA never stops";
  return false;
}

UsbStackRig::UsbStackRig(
    SimulatedNrf52840Usbd &model, const chips::nrf52840::Usbd &usbd,
    const capsules::usb::DescriptorTable &table,
    std::span<const capsules::usb::FunctionPlacement> functions)
    : model_(model), usbd_(usbd),
      function_count_(bounded_count(functions.size())),
      device_(usbd, table, functions.first(function_count_),
              std::span<const capsules::usb::ClassDriver *const>(
                  drivers_.data(), function_count_),
              leash::Lease<std::uint8_t>::from(control_storage_)),
      host_(model, [this] { run_usb_kernel_loop(model_, usbd_); }) {
  model_.add_data_ram(control_storage_);
  for (std::size_t index = 0; index < function_count_; ++index) {
    model_.add_data_ram(in_storage_[index]);
    model_.add_data_ram(out_storage_[index]);
    functions_[index].emplace(usbd, functions[index], in_storage_[index],
                              out_storage_[index]);
    drivers_[index] = &*functions_[index];
  }
}

UsbStackRig::UsbStackRig(
    SimulatedNrf52840Usbd &model, const chips::nrf52840::Usbd &usbd,
    const capsules::usb::DescriptorTable &table,
    std::span<const capsules::usb::FunctionPlacement> functions,
    std::span<const capsules::usb::ClassDriver *const> drivers)
    : model_(model), usbd_(usbd),
      device_(usbd, table, functions, drivers,
              leash::Lease<std::uint8_t>::from(control_storage_)),
      host_(model, [this] { run_usb_kernel_loop(model_, usbd_); }) {
  model_.add_data_ram(control_storage_);
}

kernel::Result UsbStackRig::attach() {
  model_.connect_vbus(true);
  const kernel::Result result = device_.attach();
  run_usb_kernel_loop(model_, usbd_);
  return result;
}

bool UsbStackRig::leases_home() const {
  bool home = device_.control_buffer_is_home();
  for (std::size_t index = 0; index < function_count_; ++index) {
    home = home && functions_[index]->leases_home();
  }
  return home;
}

} // namespace host_tests
