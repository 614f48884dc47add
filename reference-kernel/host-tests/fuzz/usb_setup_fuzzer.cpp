/// libFuzzer target: arbitrary bus traffic (SETUPs, data stages, resets,
/// bulk packets) into the USB stack on the simulated nRF52840 USBD.
#include "capsules/usb/standard_configurations.h"
#include "chips/nrf52840/usbd.h"
#include "fuzz/fuzz_hooks.h"
#include "fuzz/fuzz_input.h"
#include "support/usb_stack_rig.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <span>
#include <vector>

namespace {

using host_tests::FuzzInput;
using host_tests::SimulatedNrf52840Usbd;
using host_tests::UsbStackRig;
namespace standard = capsules::usb::standard;

/// What each step of the input does: the low nibble of its first byte.
/// Bit 4 set: the kernel loop does not run after it, so bus events pile up
/// as they do when the CPU is busy. (make_seed_corpus.py writes seeds in
/// the same codes.)
enum Op : std::uint8_t {
  op_setup = 0,          // 8 bytes: a SETUP packet.
  op_in0 = 1,            // An IN token on endpoint 0.
  op_out0 = 2,           // Length (mod 65), bytes: an OUT packet on 0.
  op_status = 3,         // The status stage.
  op_bus_reset = 4,      //
  op_suspend = 5,        //
  op_resume = 6,         //
  op_in = 7,             // Endpoint (mod 8): an IN token.
  op_out = 8,            // Endpoint (mod 8), length (mod 65), bytes.
  op_control_read = 9,   // 8 bytes: a whole control read by the host.
  op_control_write = 10, // 8 bytes, length (mod 129), bytes: a write.
  op_finish_dma = 11,    // EasyDMA ends its transfer (time passes).
  op_enumerate = 13,     // Address byte: reset, SET_ADDRESS, SET_CONFIG 1.
  op_reattach = 14,      // The device detaches and attaches again.
};

/// The examples, by the input's first byte.
struct Example {
  /// What the device answers GET_DESCRIPTOR from.
  const capsules::usb::DescriptorTable *table;
  /// Where its functions went.
  std::span<const capsules::usb::FunctionPlacement> functions;
};
const std::array<Example, 3> examples{{
    {&standard::serial_port_descriptor_table,
     standard::serial_port_device.functions},
    {&standard::keyboard_descriptor_table, standard::keyboard_device.functions},
    {&standard::composite_descriptor_table,
     standard::composite_device.functions},
}};

/// A failed check of the simulation (the driver broke a hardware rule) or
/// of the rig is a crash, not a line in a test report.
class AbortOnFailure final
    : public ::testing::ScopedFakeTestPartResultReporter {
public:
  AbortOnFailure()
      : ScopedFakeTestPartResultReporter(INTERCEPT_ALL_THREADS, &results_) {}
  void ReportTestPartResult(const ::testing::TestPartResult &result) override {
    if (result.failed()) {
      std::fprintf(stderr, "%s:%d: %s\n",
                   result.file_name() != nullptr ? result.file_name() : "?",
                   result.line_number(), result.message());
      std::abort();
    }
  }

private:
  ::testing::TestPartResultArray results_;
};

/// Stops the run when `condition` is false.
void check(bool condition, const char *what) {
  if (!condition) {
    std::fprintf(stderr, "usb_setup_fuzzer: %s\n", what);
    std::abort();
  }
}

/// The simulation, remade for each input in the same storage: the driver,
/// made once (its deferred call is one of a process's 32), keeps referring
/// to its registers.
std::optional<SimulatedNrf52840Usbd> model;

/// The driver over `model`.
const chips::nrf52840::Usbd &driver() {
  static const chips::nrf52840::Usbd usbd(model->registers, model->power,
                                          model->errata);
  return usbd;
}

/// The next 8 bytes of `input`, as a SETUP packet.
kernel::hil::usb::SetupBytes setup_of(FuzzInput &input) {
  kernel::hil::usb::SetupBytes setup{};
  for (std::uint8_t &value : setup) {
    value = input.byte();
  }
  return setup;
}

/// One step of the input.
void step(FuzzInput &input, UsbStackRig &rig) {
  const std::uint8_t code = input.byte();
  host_tests::ScriptedUsbHost &host = rig.host();
  switch (code & 0x0FU) {
  case op_setup:
    model->setup(setup_of(input));
    break;
  case op_in0:
    model->host_in(0);
    break;
  case op_out0: {
    const std::vector<std::uint8_t> data = input.bytes(input.byte() % 65U);
    model->host_out(0, data);
    break;
  }
  case op_status:
    model->host_status();
    break;
  case op_bus_reset:
    model->bus_reset();
    break;
  case op_suspend:
    model->suspend();
    break;
  case op_resume:
    model->resume();
    break;
  case op_in:
    model->host_in(input.byte() % 8U);
    break;
  case op_out: {
    const std::uint8_t number = input.byte() % 8U;
    const std::vector<std::uint8_t> data = input.bytes(input.byte() % 65U);
    model->host_out(number, data);
    break;
  }
  case op_control_read:
    host.control_read(setup_of(input));
    break;
  case op_control_write: {
    const kernel::hil::usb::SetupBytes setup = setup_of(input);
    const std::vector<std::uint8_t> data = input.bytes(input.byte() % 129U);
    host.control_write(setup, data);
    break;
  }
  case op_finish_dma:
    model->finish_dma();
    break;
  case op_enumerate:
    host.bus_reset();
    host.set_address(input.byte() & 0x7FU);
    host.set_configuration(1);
    break;
  case op_reattach:
    driver().detach();
    host.run();
    check(rig.attach().is_ok(), "attach failed");
    break;
  default:
    break;
  }
  if ((code & 0x10U) == 0) {
    host.run();
  }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data,
                                      std::size_t size) {
  static AbortOnFailure abort_on_failure;
  model.reset();
  model.emplace();
  const chips::nrf52840::Usbd &usbd = driver();
  FuzzInput input(std::span<const std::uint8_t>(data, size));
  const Example &example = examples[input.byte() % examples.size()];
  {
    UsbStackRig rig(*model, usbd, *example.table, example.functions);
    check(rig.attach().is_ok(), "attach failed");
    for (int steps = 0; input.more() && steps < 256; ++steps) {
      step(input, rig);
    }
    // A bus reset brings every lease home; so does a detach.
    rig.host().bus_reset();
    check(rig.leases_home(), "a lease is not home after a bus reset");
    check(!model->dma_running(), "EasyDMA still runs after a bus reset");
    usbd.detach();
    rig.host().run();
    check(rig.leases_home(), "a lease is not home after detach");
    fuzz::set_tearing_down(true);
  }
  fuzz::set_tearing_down(false);
  return 0;
}
