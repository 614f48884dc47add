/// USB stack benchmark program: one SETUP and one bulk packet through the
/// stack on the simulated USBD, counted by callgrind between markers.
#include "capsules/usb/standard_configurations.h"
#include "chips/nrf52840/usbd.h"
#include "kernel/deferred_call.h"
#include "support/usb_stack_rig.h"

#include <valgrind/callgrind.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

namespace {

using host_tests::Handshake;
using host_tests::ScriptedUsbHost;
using host_tests::SimulatedNrf52840Usbd;
namespace standard = capsules::usb::standard;

/// How many times each measured operation runs; run.sh divides by it.
constexpr int repetitions = 100;

/// Stops the program when `condition` is false: a benchmark of a stack
/// that does not work measures nothing.
void check(bool condition, const char *what) {
  if (!condition) {
    std::fprintf(stderr, "usb_stack_bench: %s\n", what);
    std::exit(1);
  }
}

} // namespace

int main() {
  SimulatedNrf52840Usbd model;
  const chips::nrf52840::Usbd usbd(model.registers, model.power, model.errata);
  host_tests::UsbStackRig rig(model, usbd, standard::composite_descriptor_table,
                              standard::composite_device.functions);
  check(rig.attach().is_ok(), "attach failed");
  // The measured kernel loop: only the stack's own work (the driver's
  // bottom half and deferred calls, and all they call) is collected, not
  // the simulated host's side of the bus nor EasyDMA's copying.
  ScriptedUsbHost host(model, [&model, &usbd] {
    for (int round = 0; round < 100; ++round) {
      for (;;) {
        if (model.interrupt_line()) {
          CALLGRIND_TOGGLE_COLLECT;
          usbd.handle_interrupt();
          CALLGRIND_TOGGLE_COLLECT;
          continue;
        }
        CALLGRIND_TOGGLE_COLLECT;
        const bool serviced = kernel::DeferredCall::service_next_pending();
        CALLGRIND_TOGGLE_COLLECT;
        if (!serviced) {
          break;
        }
      }
      if (!model.finish_dma()) {
        return;
      }
    }
  });
  host.bus_reset();
  check(host.set_address(3).ok(), "SET_ADDRESS failed");
  check(host.set_configuration(1).ok(), "SET_CONFIGURATION failed");

  // (a) GET_DESCRIPTOR(device): SETUP, one 18-byte IN packet, status.
  CALLGRIND_ZERO_STATS;
  for (int run = 0; run < repetitions; ++run) {
    check(host.get_descriptor(1, 0, 18).data.size() == 18, "GET_DESCRIPTOR");
  }
  CALLGRIND_DUMP_STATS_AT("setup");

  // (b) A 64-byte bulk OUT packet into the CDC function's driver, which
  // echoes it: the OUT packet to the driver's callback, then the IN packet
  // from the driver's send to its completion.
  const host_tests::LoopbackFunction &cdc = rig.function(0);
  const std::vector<std::uint8_t> packet(64, 0xA5);
  CALLGRIND_ZERO_STATS;
  for (int run = 0; run < repetitions; ++run) {
    check(host.bulk_out(*cdc.out_endpoint(), packet) == Handshake::ack,
          "bulk OUT");
    CALLGRIND_DUMP_STATS_AT("bulk-out");
    check(host.bulk_in(*cdc.in_endpoint()).data == packet, "bulk IN");
    CALLGRIND_DUMP_STATS_AT("bulk-in");
  }
  host.bus_reset();
  check(rig.leases_home(), "a lease is not home");
  return 0;
}
