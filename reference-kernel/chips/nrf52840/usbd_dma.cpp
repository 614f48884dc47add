/// The nRF52840 USBD driver: the single EasyDMA slot that all endpoints share.
#include "chips/nrf52840/easy_dma.h"
#include "chips/nrf52840/usbd.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <utility>

namespace chips::nrf52840 {
namespace {

/// What erratum 199 ("tasks ignored during DMA") writes to USBD+0xC1C while
/// a transfer runs.
constexpr std::uint32_t erratum199_dma_running = 0x82;

/// How many times `reclaim_dma` polls an END event: a packet of at most 64
/// bytes takes EasyDMA a few microseconds.
constexpr std::uint32_t dma_end_polls = 100'000;

} // namespace

UsbdEvent &Usbd::end_event(bool in, std::uint8_t number) const {
  return in ? registers_.event_end_endpoint_in[number]
            : registers_.event_end_endpoint_out[number];
}

void Usbd::queue_dma(bool in, std::uint8_t number) const {
  slot(in, number).state.set(EndpointState::dma_queued);
  start_next_dma();
}

void Usbd::start_next_dma() const {
  if (dma_running_.get() ||
      controller_state_.get() != ControllerState::attached) {
    return;
  }
  // Endpoint 0's task first: it waited for the slot to be free.
  const Endpoint0Task task = endpoint0_task_.get();
  if (task != Endpoint0Task::none) {
    endpoint0_task_.set(Endpoint0Task::none);
    request_endpoint0_task(task);
  }
  // A fixed order: control transfers have deadlines, then IN before OUT
  // (an OUT packet waits safely in the endpoint's buffer, NAKing the next).
  if (in_[0].state.get() == EndpointState::dma_queued) {
    start_dma(true, 0);
    return;
  }
  if (out_[0].state.get() == EndpointState::dma_queued) {
    start_dma(false, 0);
    return;
  }
  for (const bool in : {true, false}) {
    for (std::uint8_t number = 1; number < usbd_endpoint_count; ++number) {
      if (slot(in, number).state.get() == EndpointState::dma_queued) {
        start_dma(in, number);
        return;
      }
    }
  }
}

void Usbd::start_dma(bool in, std::uint8_t number) const {
  const EndpointSlot &endpoint = slot(in, number);
  leash::Lease<std::uint8_t> buffer = endpoint.buffer.take();
  UsbdDmaChannel &channel =
      in ? registers_.dma_in[number] : registers_.dma_out[number];
  // An OUT packet larger than the lease's window (a host that ignores the
  // endpoint's maximum packet size) is cut to the window, never written
  // past it; an IN length was checked against the window when requested.
  const std::size_t count =
      std::min<std::size_t>(endpoint.length.get(), buffer.size());
  LEASH_UNSAFE_BLOCK("EasyDMA reads or writes these bytes until the "
                     "endpoint's END event; their lease waits in the "
                     "in-flight dma_buffer_ until then, and the address goes "
                     "nowhere but the channel's PTR") {
    channel.pointer.set(easy_dma_address(buffer.raw_data()));
  }
  channel.maximum_count.set(static_cast<std::uint32_t>(count));
  dma_buffer_.put(std::move(buffer));
  endpoint.state.set(EndpointState::in_dma);
  dma_running_.set(true);
  dma_in_.set(in);
  dma_number_.set(number);
  registers_.erratum199.set(erratum199_dma_running);
  (in ? registers_.start_endpoint_in[number]
      : registers_.start_endpoint_out[number])
      .write(Signal::active.set());
}

std::size_t Usbd::finish_dma(bool in, std::uint8_t number) const {
  // The END event: EasyDMA is done with the buffer, which is the driver's
  // again.
  registers_.erratum199.set(0);
  const std::size_t amount =
      (in ? registers_.dma_in[number] : registers_.dma_out[number])
          .amount.get();
  slot(in, number).buffer.put(dma_buffer_.take());
  dma_running_.set(false);
  return amount;
}

void Usbd::reclaim_dma() const {
  if (!dma_running_.get()) {
    return;
  }
  const bool in = dma_in_.get();
  const std::uint8_t number = dma_number_.get();
  UsbdEvent &end = end_event(in, number);
  std::uint32_t polls = 0;
  while (!end.is_set(Signal::active) && polls < dma_end_polls) {
    ++polls;
  }
  end.set(0);
  static_cast<void>(finish_dma(in, number));
}

} // namespace chips::nrf52840
