/// Shell: the board's console client, a few commands and the way out.
#ifndef BOARDS_QEMU_MPS2_AN386_SHELL_H
#define BOARDS_QEMU_MPS2_AN386_SHELL_H

#include "capsules/console.h"
#include "capsules/led_driver.h"
#include "kernel/hil/time.h"
#include "kernel/kernel.h"

#include <leash/annotations.h>
#include <leash/cell.h>

#include <string_view>

namespace boards::qemu_mps2_an386 {

/// Answers the lines typed at the console (the console echoes them): `help`,
/// `led 0` and `led 1` toggle an LED, `ticks` prints the alarm counter, and
/// `exit` (or control-D) ends the run with status 0 once the console has
/// sent everything.
class LEASH_COMPONENT Shell final : public capsules::ConsoleClient {
public:
  /// A shell on `console` that can stop `kernel`.
  Shell(const capsules::Console &console, const kernel::Kernel &kernel,
        const capsules::LedDriver &leds, const kernel::hil::time::Time &time)
      : console_(console), kernel_(kernel), leds_(leds), time_(time) {}

  /// Runs the command on `line`.
  void line_received(std::string_view line) const override;
  /// Control-D: the same as `exit`.
  void end_of_input() const override;
  /// Stops the kernel if an exit waited for the output.
  void output_drained() const override;
  /// The console can no longer read: says why and ends the run with
  /// status 1 once the output is out.
  void input_stopped(kernel::ErrorCode error) const override;

private:
  /// Says goodbye and stops the kernel with `status` once the output is
  /// out.
  void request_exit(int status) const;

  /// Where the answers go.
  const capsules::Console &console_;
  /// What `exit` stops.
  const kernel::Kernel &kernel_;
  /// What `led` toggles.
  const capsules::LedDriver &leds_;
  /// What `ticks` reads.
  const kernel::hil::time::Time &time_;
  /// Whether an exit waits for the console's output to drain.
  leash::Cell<bool> exit_requested_;
  /// The status that exit ends the run with.
  leash::Cell<int> exit_status_;
};

} // namespace boards::qemu_mps2_an386

#endif // BOARDS_QEMU_MPS2_AN386_SHELL_H
