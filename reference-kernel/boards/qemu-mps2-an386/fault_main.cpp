/// The qemu-mps2-an386 fault image: a deliberate bus fault, reported.
#include "boards/qemu-mps2-an386/platform.h"
#include "capsules/virtual_alarm.h"
#include "kernel/debug.h"
#include "kernel/hil/time.h"

#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

namespace {

/// The storage behind the console's transmit lease.
std::uint8_t console_transmit_storage[64];

/// The storage behind the console's receive lease.
std::uint8_t console_receive_storage[1];

/// The storage behind the debug output\'s transmit lease.
std::uint8_t debug_transmit_storage[64];

/// An address that nothing answers on QEMU's mps2-an386 (no memory and no
/// device is mapped there), so that a read raises a precise BusFault.
constexpr std::uintptr_t unmapped_address = 0x6000'0000;

/// Reads the unmapped address from an alarm callback, in thread mode inside
/// the kernel loop, as a driver bug would. The fault handler must report
/// BusFault with BFAR = 0x60000000 and end the run with status 133.
class LEASH_COMPONENT FaultingClient final
    : public kernel::hil::time::AlarmClient {
public:
  /// Faults when `alarm` fires.
  explicit FaultingClient(const capsules::VirtualAlarm &alarm) : alarm_(alarm) {
    alarm_.set_alarm_client(*this);
  }

  /// Arms the alarm for 1 ms from now.
  void arm() const {
    alarm_.set_alarm(alarm_.now(), kernel::hil::time::ticks_from_milliseconds(
                                       alarm_.frequency_hz(), 1));
  }

  /// Performs the faulting read.
  void alarm_fired() const override {
    kernel::debug::print_line("fault image: reading 0x60000000");
    LEASH_UNSAFE_BLOCK("a deliberate fault: this image exists to show that "
                       "the fault handler reports a bus fault correctly") {
      const auto *target =
          reinterpret_cast<const volatile std::uint32_t *>(unmapped_address);
      static_cast<void>(*target);
    }
    kernel::debug::print_line("fault image: the read did not fault");
  }

private:
  /// The alarm that triggers the fault.
  const capsules::VirtualAlarm &alarm_;
};

} // namespace

/// The fault image's entry point: boots the board, faults 1 ms into the
/// kernel loop, and never returns normally (status 1 if it does).
int main() {
  using boards::qemu_mps2_an386::Platform;
  const Platform &platform = boards::qemu_mps2_an386::create_platform(
      leash::Lease<std::uint8_t>::from(console_transmit_storage),
      leash::Lease<std::uint8_t>::from(console_receive_storage),
      leash::Lease<std::uint8_t>::from(debug_transmit_storage),
      /*initial_ticks=*/0);
  kernel::debug::print_line("leash reference kernel: fault image on "
                            "qemu-mps2-an386");

  static const capsules::VirtualAlarm alarm{platform.alarm_mux};
  static const FaultingClient faulting_client{alarm};
  faulting_client.arm();

  platform.chip.enable_interrupts();
  static_cast<void>(platform.kernel.run(platform.chip));
  return 1;
}
