/// ClassDriver: what a USB function (CDC-ACM, HID) does for the device core.
#ifndef CAPSULES_USB_CLASS_DRIVER_H
#define CAPSULES_USB_CLASS_DRIVER_H

#include "capsules/usb/setup_packet.h"
#include "kernel/hil/usb.h"
#include "kernel/result.h"

#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstddef>
#include <cstdint>
#include <span>

namespace capsules::usb {

/// The class driver of one function of the configuration (TinyUSB's class
/// driver table, as a class). The device core (`UsbDevice`) owns endpoint 0
/// and chapter 9; a class driver owns its function's interfaces and their
/// endpoints, and hears only what concerns them.
///
/// Contract, in the order things happen:
/// - `reset`: the bus was reset; the function is unconfigured, its endpoints
///   disabled and their packets in flight already came back (cancelled).
/// - `configured(true)`: SET_CONFIGURATION selected the configuration; the
///   core has enabled every endpoint the configuration declares, so the
///   driver may start its own `send_packet`/`receive_packet` on them,
///   talking to the controller directly. `configured(false)`: deselected
///   (SET_CONFIGURATION 0, or re-selected); its endpoints are disabled.
/// - Control requests: a class or vendor request whose recipient is one of
///   the function's interfaces (wIndex's low byte) or endpoints, and a
///   standard GET_DESCRIPTOR asked of one of its interfaces (HID's report
///   descriptor), only while configured. `accept_setup` decides: false
///   stalls. If accepted, wLength and the direction decide what follows:
///   no data (the core ends the transfer with its status stage at once),
///   an IN data stage (the core asks `control_in_data` for each packet's
///   bytes), or an OUT data stage (the core hands each packet to
///   `control_out_data`). A new SETUP or a bus reset may abandon a transfer
///   at any point, silently.
/// - Packet callbacks of the function's endpoints, routed by endpoint
///   number, with the lease the driver gave the controller.
/// - `endpoint_halt_changed`: the host halted one of its endpoints with
///   SET_FEATURE (a packet in flight comes back cancelled) or resumed it
///   with CLEAR_FEATURE (the driver may start its packets again).
/// - `suspend_changed`: the bus was suspended or resumed.
///
/// All calls come from the kernel loop, never from inside a request the
/// driver made. A driver never sees endpoint 0's lease: it writes into and
/// reads from spans of the core's packet staging.
class LEASH_COMPONENT ClassDriver {
public:
  /// The bus was reset: forget any state, nothing is configured.
  virtual void reset() const = 0;

  /// The configuration was selected (`true`) or deselected (`false`).
  virtual void configured(bool active) const = 0;

  /// A control request for this function (see the class comment): true
  /// serves it, false stalls it.
  [[nodiscard]] virtual bool accept_setup(const SetupPacket &setup) const = 0;

  /// Writes bytes [`offset`, `offset + out.size()`) of the reply to the
  /// accepted IN request `setup` into `out`, and returns how many: fewer
  /// than `out.size()` ends the reply (the core then sends a short or
  /// zero-length packet as USB 2.0 section 5.5.3 requires). `out` is never
  /// longer than a packet, nor than what is left of wLength.
  virtual std::size_t control_in_data(const SetupPacket &setup,
                                      std::size_t offset,
                                      std::span<std::uint8_t> out) const = 0;

  /// The bytes at `offset` of the OUT data stage of the accepted request
  /// `setup` arrived; `last` when the data stage is complete. True
  /// accepts them (after the last, the core sends the status stage), false
  /// stalls the transfer.
  [[nodiscard]] virtual bool
  control_out_data(const SetupPacket &setup, std::size_t offset,
                   std::span<const std::uint8_t> data, bool last) const = 0;

  /// A packet the driver sent on its IN endpoint `number` is done (or was
  /// cancelled); its lease comes back.
  virtual void packet_sent(std::uint8_t number,
                           leash::Lease<std::uint8_t> buffer,
                           kernel::Result result) const = 0;

  /// A packet arrived on the driver's OUT endpoint `number` (or the request
  /// was cancelled: length 0); its lease comes back.
  virtual void packet_received(std::uint8_t number,
                               leash::Lease<std::uint8_t> buffer,
                               std::size_t length,
                               kernel::Result result) const = 0;

  /// The host halted (`halted`) or resumed the driver's `endpoint`.
  virtual void endpoint_halt_changed(kernel::hil::usb::Endpoint endpoint,
                                     bool halted) const = 0;

  /// The bus was suspended (`true`) or resumed.
  virtual void suspend_changed(bool suspended) const = 0;

protected:
  /// Drivers are never destroyed through this interface.
  ~ClassDriver() = default;
};

} // namespace capsules::usb

#endif // CAPSULES_USB_CLASS_DRIVER_H
