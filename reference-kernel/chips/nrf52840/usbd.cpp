/// The nRF52840 USBD driver: power-up, attach, bus reset, suspend,
/// cancellation.
#include "chips/nrf52840/usbd.h"

#include <cstddef>
#include <cstdint>
#include <utility>

namespace chips::nrf52840 {
namespace {

/// What the unlock register at 0x4006'EC00 takes (errata 171 and 187).
constexpr std::uint32_t errata_unlock_key = 0x9375;

/// How many times a power-up step polls before giving up: ENABLE reaches
/// READY and the regulator its output within microseconds; a bound keeps a
/// broken chip from hanging the kernel.
constexpr std::uint32_t power_up_polls = 100'000;

/// The events whose interrupt the driver handles.
registers::FieldValue<std::uint32_t, UsbdInterrupt> handled_interrupts() {
  return UsbdInterrupt::usb_reset.set() | UsbdInterrupt::end_endpoint_in.set() |
         UsbdInterrupt::endpoint0_data_done.set() |
         UsbdInterrupt::end_endpoint_out.set() |
         UsbdInterrupt::usb_event.set() | UsbdInterrupt::endpoint0_setup.set() |
         UsbdInterrupt::endpoint_data.set();
}

} // namespace

Usbd::Usbd(UsbdRegisters &registers, PowerUsbRegisters &power,
           UsbdErrataRegisters &errata)
    : registers_(registers), power_(power), errata_(errata) {
  deferred_call_.register_client(*this);
}

void Usbd::set_client(const kernel::hil::usb::ControllerClient &client) const {
  client_.set(&client);
}

const Usbd::EndpointSlot &Usbd::slot(bool in, std::uint8_t number) const {
  return in ? in_[number] : out_[number];
}

void Usbd::write_enable_errata(bool begin) const {
  // Errata 187 ("cannot be enabled") and 171 ("might not reach its active
  // state"): 3 and 0xC0 before ENABLE, 0 once READY, each written behind
  // the unlock key when the lock is closed (nrfx's sequence). Applied on
  // every revision: the errata list revisions 1 to 3, and revision 0 parts
  // (engineering samples) are not supported.
  const bool locked = errata_.unlock.get() == 0;
  if (locked) {
    errata_.unlock.set(errata_unlock_key);
  }
  errata_.erratum187.set(begin ? 3 : 0);
  errata_.erratum171.set(begin ? 0xC0 : 0);
  if (locked) {
    errata_.unlock.set(errata_unlock_key);
  }
}

kernel::Result Usbd::attach() const {
  if (controller_state_.get() == ControllerState::attached) {
    return kernel::Result::ok();
  }
  if (!client_.is_some() ||
      !power_.usb_regulator_status.is_set(PowerUsbStatus::vbus_detected)) {
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  // The Product Specification's power-up sequence, with the errata writes
  // around ENABLE that nrfx applies.
  registers_.event_cause.write(UsbdEventCause::ready.set());
  write_enable_errata(true);
  registers_.enable.set(1);
  std::uint32_t polls = 0;
  while (!registers_.event_cause.is_set(UsbdEventCause::ready) &&
         polls < power_up_polls) {
    ++polls;
  }
  registers_.event_cause.write(UsbdEventCause::ready.set());
  write_enable_errata(false);
  // Erratum 166: isochronous double buffering.
  registers_.erratum166_a.set(0x7E3);
  registers_.erratum166_b.set(0x40);
  registers_.iso_split.set(0x80); // Half the ISO buffer each way.
  // The pull-up must wait for the USB regulator (USBPWRRDY); the board
  // starts the HFXO before attaching. Polling USBREGSTATUS.OUTPUTRDY
  // instead of waiting for the POWER event keeps attach synchronous.
  polls = 0;
  while (!power_.usb_regulator_status.is_set(PowerUsbStatus::output_ready) &&
         polls < power_up_polls) {
    ++polls;
  }
  if (!power_.usb_regulator_status.is_set(PowerUsbStatus::output_ready)) {
    registers_.enable.set(0);
    return kernel::Result::failure(kernel::ErrorCode::off);
  }
  // Stale events from before the enable would be taken for new ones.
  registers_.event_usb_reset.set(0);
  registers_.event_endpoint0_setup.set(0);
  registers_.event_endpoint0_data_done.set(0);
  registers_.event_endpoint_data.set(0);
  registers_.event_usb_event.set(0);
  // So would EPDATASTATUS bits of packets that arrived before a detach (the
  // host's packet went with the disabled USBD, but its bit stayed): the next
  // EPDATA would start EasyDMA on an endpoint holding no packet.
  registers_.endpoint_data_status.set(
      registers_.endpoint_data_status.get()); // Write one to clear.
  registers_.interrupt_enable_set.write(handled_interrupts());
  controller_state_.set(ControllerState::attached);
  control_state_.set(ControlState::idle);
  in_[0].state.set(EndpointState::idle);
  out_[0].state.set(EndpointState::idle);
  registers_.pull_up.set(1);
  return kernel::Result::ok();
}

void Usbd::detach() const {
  if (controller_state_.get() == ControllerState::detached) {
    return;
  }
  registers_.pull_up.set(0);
  registers_.interrupt_enable_clear.write(handled_interrupts());
  // The next attach starts as a bus reset leaves the device: endpoint 0
  // only.
  cancel_every_packet();
  registers_.enable.set(0);
  controller_state_.set(ControllerState::detached);
  control_state_.set(ControlState::idle);
  endpoint0_task_.set(Endpoint0Task::none);
  deferred_call_.set();
}

void Usbd::set_address(std::uint8_t address) const {
  // The hardware took the address from the SETUP packet itself and answers
  // on it after the status stage (USBADDR): nothing to write.
  address_.set(address);
}

Usbd::EndpointState Usbd::resting_state(bool in, std::uint8_t number) const {
  if (controller_state_.get() == ControllerState::detached) {
    return number == 0 ? EndpointState::idle : EndpointState::disabled;
  }
  if (number == 0) {
    return EndpointState::idle;
  }
  const auto enabled =
      (in ? registers_.endpoint_in_enable : registers_.endpoint_out_enable)
          .read(UsbdEndpointEnable::endpoints);
  return (enabled & (1U << number)) != 0 ? EndpointState::idle
                                         : EndpointState::disabled;
}

bool Usbd::cancel_packet(bool in, std::uint8_t number) const {
  const EndpointSlot &endpoint = slot(in, number);
  const EndpointState state = endpoint.state.get();
  if (!in && number != 0 &&
      (endpoint.packet_ready.get() || state == EndpointState::dma_queued)) {
    // The host's packet waits in the endpoint's buffer, and the hardware
    // re-arms the endpoint only at an ENDEPOUT that will not come: drop the
    // packet by arming it again, or it would NAK for good.
    registers_.size_out[number].set(0);
  }
  endpoint.packet_ready.set(false);
  switch (state) {
  case EndpointState::in_dma:
    // The transfer cannot be stopped: wait for its END, which puts the
    // lease back into the endpoint's cell.
    reclaim_dma();
    endpoint.state.set(EndpointState::cancelled);
    return true;
  case EndpointState::waiting:
  case EndpointState::dma_queued:
  case EndpointState::in_data:
    endpoint.state.set(EndpointState::cancelled);
    return true;
  case EndpointState::cancelled:
    return true;
  case EndpointState::disabled:
  case EndpointState::idle:
    break;
  }
  return false;
}

void Usbd::deliver_cancellations() const {
  for (std::uint8_t number = 0; number < usbd_endpoint_count; ++number) {
    for (const bool in : {true, false}) {
      const EndpointSlot &endpoint = slot(in, number);
      if (endpoint.state.get() != EndpointState::cancelled) {
        continue;
      }
      endpoint.state.set(resting_state(in, number));
      hand_back(in, number, endpoint.buffer.take(), 0,
                kernel::Result::failure(kernel::ErrorCode::cancel));
    }
  }
}

void Usbd::handle_deferred_call() const {
  deliver_cancellations();
  start_next_dma();
}

void Usbd::cancel_every_packet() const {
  for (std::uint8_t number = 0; number < usbd_endpoint_count; ++number) {
    for (const bool in : {true, false}) {
      if (!cancel_packet(in, number) && number != 0) {
        slot(in, number).state.set(EndpointState::disabled);
      }
    }
  }
  registers_.endpoint_in_enable.write(UsbdEndpointEnable::endpoints.value(1));
  registers_.endpoint_out_enable.write(UsbdEndpointEnable::endpoints.value(1));
}

void Usbd::handle_bus_reset() const {
  // The hardware disabled every endpoint but 0 and forgot the address. A
  // SETUP or packet still pending from before the reset is void (a stale
  // SET_ADDRESS would otherwise change the new default state): the host
  // sends nothing for at least 10 ms after a reset (USB 2.0 section
  // 7.1.7.5), long after this bottom half runs.
  registers_.event_endpoint0_setup.set(0);
  registers_.event_endpoint0_data_done.set(0);
  registers_.event_endpoint_data.set(0);
  registers_.endpoint_data_status.set(
      registers_.endpoint_data_status.get()); // Write one to clear.
  cancel_every_packet();
  control_state_.set(ControlState::idle);
  endpoint0_task_.set(Endpoint0Task::none);
  address_.set(0);
  deliver_cancellations();
  const auto client = client_.get();
  if (client.has_value()) {
    (*client)->bus_reset();
  }
}

void Usbd::handle_usb_event() const {
  const auto cause = registers_.event_cause.extract();
  // Write-one-to-clear: exactly the causes read, so that a cause that
  // arrives in between stays for the next USBEVENT.
  registers_.event_cause.set(cause.get());
  const auto client = client_.get();
  if (cause.is_set(UsbdEventCause::suspend) && !suspended_.get()) {
    suspended_.set(true);
    if (client.has_value()) {
      (*client)->suspend_changed(true);
    }
  }
  if (cause.is_set(UsbdEventCause::resume) && suspended_.get()) {
    suspended_.set(false);
    if (client.has_value()) {
      (*client)->suspend_changed(false);
    }
  }
}

void Usbd::handle_interrupt() const {
  // In ascending order of the events' INTEN bits, except EP0SETUP (bit 23),
  // which goes last, after EPDATA (bit 24): a SETUP that overtook the end
  // of the previous transfer's packets starts the new transfer after they
  // are accounted for. ENDEPIN comes before EPDATA, so an IN packet whose
  // DMA end and bus end are both pending is finished in order (nrfx copes
  // with both pending; Tock calls it an error).
  if (registers_.event_usb_reset.is_set(Signal::active)) {
    registers_.event_usb_reset.set(0);
    handle_bus_reset();
  }
  for (std::uint8_t number = 0; number < usbd_endpoint_count; ++number) {
    if (registers_.event_end_endpoint_in[number].is_set(Signal::active)) {
      registers_.event_end_endpoint_in[number].set(0);
      handle_dma_end(true, number);
    }
  }
  if (registers_.event_endpoint0_data_done.is_set(Signal::active)) {
    registers_.event_endpoint0_data_done.set(0);
    handle_endpoint0_data_done();
  }
  for (std::uint8_t number = 0; number < usbd_endpoint_count; ++number) {
    if (registers_.event_end_endpoint_out[number].is_set(Signal::active)) {
      registers_.event_end_endpoint_out[number].set(0);
      handle_dma_end(false, number);
    }
  }
  if (registers_.event_usb_event.is_set(Signal::active)) {
    registers_.event_usb_event.set(0);
    handle_usb_event();
  }
  if (registers_.event_endpoint_data.is_set(Signal::active)) {
    registers_.event_endpoint_data.set(0);
    handle_endpoint_data();
  }
  if (registers_.event_endpoint0_setup.is_set(Signal::active)) {
    registers_.event_endpoint0_setup.set(0);
    handle_setup();
  }
  // A cancellation above may have waited for the running transfer to end,
  // freeing the DMA slot for a packet that was queued behind it.
  start_next_dma();
}

} // namespace chips::nrf52840
