/// The nRF52840 USBD's register block and fields, and the few POWER and errata
/// registers it needs.
#ifndef CHIPS_NRF52840_USBD_REGISTERS_H
#define CHIPS_NRF52840_USBD_REGISTERS_H

#include "chips/nrf52840/signal.h"
#include "libraries/registers/registers.h"

#include <cstddef>
#include <cstdint>

// nRF52840 Product Specification, USBD chapter (offsets as in nrfx's
// nrf52840.h). Tasks are triggered by writing 1; an event register reads 1
// once the event happened and is cleared by writing 0; INTEN decides which
// events raise the interrupt line (IRQ 39). EasyDMA moves each packet
// between Data RAM and the endpoint's buffer inside the USBD: EPIN[n] and
// EPOUT[n] hold a transfer's pointer, maximum count and, once it ended, the
// count moved (7 bits each: at most 64 bytes).

namespace chips::nrf52840 {

/// The bits of INTEN, INTENSET and INTENCLR: bit (offset − 0x100) / 4 for
/// every event.
struct UsbdInterrupt {
  /// A field of INTEN, INTENSET and INTENCLR.
  using Field = registers::Field<std::uint32_t, UsbdInterrupt>;
  /// The host reset the bus.
  static constexpr Field usb_reset{0, 1};
  /// EasyDMA latched a transfer's PTR and MAXCNT.
  static constexpr Field started{1, 1};
  /// ENDEPIN[0..7]: EasyDMA finished reading an IN packet.
  static constexpr Field end_endpoint_in{2, 8};
  /// A control data-stage packet moved on the bus.
  static constexpr Field endpoint0_data_done{10, 1};
  /// ENDEPOUT[0..7]: EasyDMA finished writing an OUT packet.
  static constexpr Field end_endpoint_out{12, 8};
  /// Start of frame.
  static constexpr Field start_of_frame{21, 1};
  /// EVENTCAUSE has a new cause (suspend, resume, ready...).
  static constexpr Field usb_event{22, 1};
  /// A SETUP packet arrived on endpoint 0.
  static constexpr Field endpoint0_setup{23, 1};
  /// A bulk or interrupt packet moved on the bus; EPDATASTATUS says where.
  static constexpr Field endpoint_data{24, 1};
};

/// The bits of EVENTCAUSE (write 1 to clear).
struct UsbdEventCause {
  /// A field of EVENTCAUSE.
  using Field = registers::Field<std::uint32_t, UsbdEventCause>;
  /// An isochronous OUT packet had a CRC error.
  static constexpr Field iso_out_crc{0, 1};
  /// The bus has been idle for 3 ms: the device must suspend.
  static constexpr Field suspend{8, 1};
  /// The host resumed the bus.
  static constexpr Field resume{9, 1};
  /// A remote wake-up is allowed.
  static constexpr Field wake_up_allowed{10, 1};
  /// The USBD is ready after ENABLE.
  static constexpr Field ready{11, 1};
};

/// The bits of EPSTATUS and EPDATASTATUS (write 1 to clear): bit n for IN
/// endpoint n, bit 16 + n for OUT endpoint n.
struct UsbdEndpointStatus {
  /// A field of EPSTATUS and EPDATASTATUS.
  using Field = registers::Field<std::uint32_t, UsbdEndpointStatus>;
  /// The IN endpoints' bits.
  static constexpr Field in{0, 8};
  /// The OUT endpoints' bits.
  static constexpr Field out{16, 8};
};

/// The fields of EPSTALL (write-only): halt or resume one endpoint.
struct UsbdEndpointStall {
  /// A field of EPSTALL.
  using Field = registers::Field<std::uint32_t, UsbdEndpointStall>;
  /// The endpoint number (0 to 7).
  static constexpr Field endpoint{0, 3};
  /// 1: an IN endpoint.
  static constexpr Field in{7, 1};
  /// 1: stall (halt) the endpoint; 0: resume it.
  static constexpr Field stall{8, 1};
};

/// What DTOGGLE.VALUE does.
enum class UsbdDataToggleValue : std::uint32_t {
  /// Selects the endpoint only (to read its toggle back).
  nop = 0,
  /// Resets the toggle to DATA0.
  data0 = 1,
  /// Sets the toggle to DATA1.
  data1 = 2,
};

/// The fields of DTOGGLE.
struct UsbdDataToggle {
  /// A field of DTOGGLE.
  using Field = registers::Field<std::uint32_t, UsbdDataToggle>;
  /// The endpoint number (0 to 7).
  static constexpr Field endpoint{0, 3};
  /// 1: an IN endpoint.
  static constexpr Field in{7, 1};
  /// What to do with its toggle.
  static constexpr registers::Field<std::uint32_t, UsbdDataToggle,
                                    UsbdDataToggleValue>
      value{8, 2};
};

/// The bits of EPINEN and EPOUTEN: bit n enables endpoint n.
struct UsbdEndpointEnable {
  /// A field of EPINEN and EPOUTEN.
  using Field = registers::Field<std::uint32_t, UsbdEndpointEnable>;
  /// The bulk and interrupt endpoints 0 to 7.
  static constexpr Field endpoints{0, 8};
  /// The isochronous endpoint.
  static constexpr Field isochronous{8, 1};
};

/// One EasyDMA channel's registers (EPIN[n] or EPOUT[n]).
struct UsbdDmaChannel {
  /// +0x0 PTR: the Data RAM address of the packet's buffer.
  registers::ReadWrite<std::uint32_t> pointer;
  /// +0x4 MAXCNT: how many bytes to move (7 bits: at most 64 here).
  registers::ReadWrite<std::uint32_t> maximum_count;
  /// +0x8 AMOUNT: how many bytes the last transfer moved.
  registers::ReadOnly<std::uint32_t> amount;
  registers::Reserved<0x14 - 0x0C> reserved;
};

static_assert(sizeof(UsbdDmaChannel) == 0x14);

/// A one-bit task or event register of the USBD.
using UsbdTask = registers::WriteOnly<std::uint32_t, Signal>;
/// An event register of the USBD.
using UsbdEvent = registers::ReadWrite<std::uint32_t, Signal>;

/// How many bulk or interrupt endpoints of each direction the USBD has,
/// endpoint 0 included.
inline constexpr std::size_t usbd_endpoint_count = 8;

/// The registers of the USBD, in address order from 0x4002'7000, with the
/// undocumented errata registers at +0x800, +0x804 and +0xC1C.
struct UsbdRegisters {
  registers::Reserved<0x004> reserved0;
  /// 0x004 TASKS_STARTEPIN[n]: EasyDMA reads EPIN[n]'s buffer.
  UsbdTask start_endpoint_in[usbd_endpoint_count];
  /// 0x024 TASKS_STARTISOIN.
  UsbdTask start_iso_in;
  /// 0x028 TASKS_STARTEPOUT[n]: EasyDMA writes EPOUT[n]'s buffer.
  UsbdTask start_endpoint_out[usbd_endpoint_count];
  /// 0x048 TASKS_STARTISOOUT.
  UsbdTask start_iso_out;
  /// 0x04C TASKS_EP0RCVOUT: let endpoint 0 accept one OUT data packet.
  UsbdTask endpoint0_receive_out;
  /// 0x050 TASKS_EP0STATUS: let the status stage complete.
  UsbdTask endpoint0_status;
  /// 0x054 TASKS_EP0STALL: stall the control transfer until the next SETUP.
  UsbdTask endpoint0_stall;
  /// 0x058 TASKS_DPDMDRIVE: drive D+/D- (remote wake-up).
  UsbdTask drive_lines;
  /// 0x05C TASKS_DPDMNODRIVE: stop driving them.
  UsbdTask release_lines;
  registers::Reserved<0x100 - 0x060> reserved1;
  /// 0x100 EVENTS_USBRESET.
  UsbdEvent event_usb_reset;
  /// 0x104 EVENTS_STARTED.
  UsbdEvent event_started;
  /// 0x108 EVENTS_ENDEPIN[n].
  UsbdEvent event_end_endpoint_in[usbd_endpoint_count];
  /// 0x128 EVENTS_EP0DATADONE.
  UsbdEvent event_endpoint0_data_done;
  /// 0x12C EVENTS_ENDISOIN.
  UsbdEvent event_end_iso_in;
  /// 0x130 EVENTS_ENDEPOUT[n].
  UsbdEvent event_end_endpoint_out[usbd_endpoint_count];
  /// 0x150 EVENTS_ENDISOOUT.
  UsbdEvent event_end_iso_out;
  /// 0x154 EVENTS_SOF.
  UsbdEvent event_start_of_frame;
  /// 0x158 EVENTS_USBEVENT: EVENTCAUSE says what.
  UsbdEvent event_usb_event;
  /// 0x15C EVENTS_EP0SETUP.
  UsbdEvent event_endpoint0_setup;
  /// 0x160 EVENTS_EPDATA: EPDATASTATUS says which endpoints.
  UsbdEvent event_endpoint_data;
  registers::Reserved<0x200 - 0x164> reserved2;
  /// 0x200 SHORTS (unused: every step is the driver's).
  registers::ReadWrite<std::uint32_t> shorts;
  registers::Reserved<0x300 - 0x204> reserved3;
  /// 0x300 INTEN.
  registers::ReadWrite<std::uint32_t, UsbdInterrupt> interrupt_enable;
  /// 0x304 INTENSET: write 1 to enable; reads INTEN.
  registers::Aliased<std::uint32_t, UsbdInterrupt> interrupt_enable_set;
  /// 0x308 INTENCLR: write 1 to disable; reads INTEN.
  registers::Aliased<std::uint32_t, UsbdInterrupt> interrupt_enable_clear;
  registers::Reserved<0x400 - 0x30C> reserved4;
  /// 0x400 EVENTCAUSE (write 1 to clear).
  registers::Aliased<std::uint32_t, UsbdEventCause> event_cause;
  registers::Reserved<0x420 - 0x404> reserved5;
  /// 0x420 HALTED.EPIN[n]: 1 while IN endpoint n is halted.
  registers::ReadOnly<std::uint32_t> halted_in[usbd_endpoint_count + 1];
  /// 0x444 HALTED.EPOUT[n].
  registers::ReadOnly<std::uint32_t> halted_out[usbd_endpoint_count + 1];
  /// 0x468 EPSTATUS (write 1 to clear).
  registers::Aliased<std::uint32_t, UsbdEndpointStatus> endpoint_status;
  /// 0x46C EPDATASTATUS (write 1 to clear).
  registers::Aliased<std::uint32_t, UsbdEndpointStatus> endpoint_data_status;
  /// 0x470 USBADDR: the address the hardware took from SET_ADDRESS.
  registers::ReadOnly<std::uint32_t> usb_address;
  registers::Reserved<0x480 - 0x474> reserved7;
  /// 0x480 BMREQUESTTYPE, BREQUEST, WVALUEL/H, WINDEXL/H, WLENGTHL/H: the
  /// last SETUP packet, one byte per word.
  registers::ReadOnly<std::uint32_t> setup[8];
  /// 0x4A0 SIZE.EPOUT[n]: the size of the packet OUT endpoint n received;
  /// writing any value arms the endpoint for the next packet.
  registers::ReadWrite<std::uint32_t> size_out[usbd_endpoint_count];
  /// 0x4C0 SIZE.ISOOUT.
  registers::ReadOnly<std::uint32_t> size_iso_out;
  registers::Reserved<0x500 - 0x4C4> reserved9;
  /// 0x500 ENABLE.
  registers::ReadWrite<std::uint32_t> enable;
  /// 0x504 USBPULLUP: the D+ pull-up (1 = connected to the bus).
  registers::ReadWrite<std::uint32_t> pull_up;
  /// 0x508 DPDMVALUE.
  registers::ReadWrite<std::uint32_t> lines_value;
  /// 0x50C DTOGGLE.
  registers::ReadWrite<std::uint32_t, UsbdDataToggle> data_toggle;
  /// 0x510 EPINEN.
  registers::ReadWrite<std::uint32_t, UsbdEndpointEnable> endpoint_in_enable;
  /// 0x514 EPOUTEN.
  registers::ReadWrite<std::uint32_t, UsbdEndpointEnable> endpoint_out_enable;
  /// 0x518 EPSTALL (write-only).
  registers::WriteOnly<std::uint32_t, UsbdEndpointStall> endpoint_stall;
  /// 0x51C ISOSPLIT: 0 one direction, 0x80 half IN, half OUT.
  registers::ReadWrite<std::uint32_t> iso_split;
  /// 0x520 FRAMECNTR.
  registers::ReadOnly<std::uint32_t> frame_counter;
  registers::Reserved<0x52C - 0x524> reserved10;
  /// 0x52C LOWPOWER.
  registers::ReadWrite<std::uint32_t> low_power;
  /// 0x530 ISOINCONFIG.
  registers::ReadWrite<std::uint32_t> iso_in_config;
  registers::Reserved<0x600 - 0x534> reserved11;
  /// 0x600 EPIN[n].PTR, MAXCNT, AMOUNT.
  UsbdDmaChannel dma_in[usbd_endpoint_count];
  /// 0x6A0 ISOIN.
  UsbdDmaChannel dma_iso_in;
  registers::Reserved<0x700 - 0x6B4> reserved12;
  /// 0x700 EPOUT[n].PTR, MAXCNT, AMOUNT.
  UsbdDmaChannel dma_out[usbd_endpoint_count];
  /// 0x7A0 ISOOUT.
  UsbdDmaChannel dma_iso_out;
  registers::Reserved<0x800 - 0x7B4> reserved13;
  /// 0x800 undocumented: erratum 166 (ISO double buffering) writes 0x7E3.
  registers::ReadWrite<std::uint32_t> erratum166_a;
  /// 0x804 undocumented: erratum 166 writes 0x40.
  registers::ReadWrite<std::uint32_t> erratum166_b;
  registers::Reserved<0xC1C - 0x808> reserved14;
  /// 0xC1C undocumented: erratum 199 (tasks ignored during DMA) writes 0x82
  /// when a transfer starts and 0 when it ends.
  registers::ReadWrite<std::uint32_t> erratum199;
};

static_assert(offsetof(UsbdRegisters, start_endpoint_in) == 0x004);
static_assert(offsetof(UsbdRegisters, start_iso_in) == 0x024);
static_assert(offsetof(UsbdRegisters, start_endpoint_out) == 0x028);
static_assert(offsetof(UsbdRegisters, start_iso_out) == 0x048);
static_assert(offsetof(UsbdRegisters, endpoint0_receive_out) == 0x04C);
static_assert(offsetof(UsbdRegisters, endpoint0_status) == 0x050);
static_assert(offsetof(UsbdRegisters, endpoint0_stall) == 0x054);
static_assert(offsetof(UsbdRegisters, release_lines) == 0x05C);
static_assert(offsetof(UsbdRegisters, event_usb_reset) == 0x100);
static_assert(offsetof(UsbdRegisters, event_end_endpoint_in) == 0x108);
static_assert(offsetof(UsbdRegisters, event_endpoint0_data_done) == 0x128);
static_assert(offsetof(UsbdRegisters, event_end_endpoint_out) == 0x130);
static_assert(offsetof(UsbdRegisters, event_start_of_frame) == 0x154);
static_assert(offsetof(UsbdRegisters, event_usb_event) == 0x158);
static_assert(offsetof(UsbdRegisters, event_endpoint0_setup) == 0x15C);
static_assert(offsetof(UsbdRegisters, event_endpoint_data) == 0x160);
static_assert(offsetof(UsbdRegisters, shorts) == 0x200);
static_assert(offsetof(UsbdRegisters, interrupt_enable) == 0x300);
static_assert(offsetof(UsbdRegisters, interrupt_enable_clear) == 0x308);
static_assert(offsetof(UsbdRegisters, event_cause) == 0x400);
static_assert(offsetof(UsbdRegisters, halted_in) == 0x420);
static_assert(offsetof(UsbdRegisters, halted_out) == 0x444);
static_assert(offsetof(UsbdRegisters, endpoint_status) == 0x468);
static_assert(offsetof(UsbdRegisters, endpoint_data_status) == 0x46C);
static_assert(offsetof(UsbdRegisters, usb_address) == 0x470);
static_assert(offsetof(UsbdRegisters, setup) == 0x480);
static_assert(offsetof(UsbdRegisters, size_out) == 0x4A0);
static_assert(offsetof(UsbdRegisters, size_iso_out) == 0x4C0);
static_assert(offsetof(UsbdRegisters, enable) == 0x500);
static_assert(offsetof(UsbdRegisters, pull_up) == 0x504);
static_assert(offsetof(UsbdRegisters, data_toggle) == 0x50C);
static_assert(offsetof(UsbdRegisters, endpoint_in_enable) == 0x510);
static_assert(offsetof(UsbdRegisters, endpoint_out_enable) == 0x514);
static_assert(offsetof(UsbdRegisters, endpoint_stall) == 0x518);
static_assert(offsetof(UsbdRegisters, iso_split) == 0x51C);
static_assert(offsetof(UsbdRegisters, low_power) == 0x52C);
static_assert(offsetof(UsbdRegisters, iso_in_config) == 0x530);
static_assert(offsetof(UsbdRegisters, dma_in) == 0x600);
static_assert(offsetof(UsbdRegisters, dma_iso_in) == 0x6A0);
static_assert(offsetof(UsbdRegisters, dma_out) == 0x700);
static_assert(offsetof(UsbdRegisters, dma_iso_out) == 0x7A0);
static_assert(offsetof(UsbdRegisters, erratum166_a) == 0x800);
static_assert(offsetof(UsbdRegisters, erratum166_b) == 0x804);
static_assert(offsetof(UsbdRegisters, erratum199) == 0xC1C);

/// The bits of POWER.USBREGSTATUS.
struct PowerUsbStatus {
  /// A field of USBREGSTATUS.
  using Field = registers::Field<std::uint32_t, PowerUsbStatus>;
  /// VBUS is present.
  static constexpr Field vbus_detected{0, 1};
  /// The USB supply regulator's output is ready.
  static constexpr Field output_ready{1, 1};
};

/// The USB part of the POWER block (from 0x4000'0000): VBUS detection and
/// the USB supply regulator.
struct PowerUsbRegisters {
  registers::Reserved<0x11C> reserved0;
  /// 0x11C EVENTS_USBDETECTED: VBUS appeared.
  registers::ReadWrite<std::uint32_t, Signal> event_usb_detected;
  /// 0x120 EVENTS_USBREMOVED: VBUS went away.
  registers::ReadWrite<std::uint32_t, Signal> event_usb_removed;
  /// 0x124 EVENTS_USBPWRRDY: the USB regulator is ready.
  registers::ReadWrite<std::uint32_t, Signal> event_usb_power_ready;
  registers::Reserved<0x438 - 0x128> reserved1;
  /// 0x438 USBREGSTATUS.
  registers::ReadOnly<std::uint32_t, PowerUsbStatus> usb_regulator_status;
};

static_assert(offsetof(PowerUsbRegisters, event_usb_detected) == 0x11C);
static_assert(offsetof(PowerUsbRegisters, event_usb_power_ready) == 0x124);
static_assert(offsetof(PowerUsbRegisters, usb_regulator_status) == 0x438);

/// The undocumented registers from 0x4006'EC00 that errata 171 and 187 write
/// around enabling the USBD.
struct UsbdErrataRegisters {
  /// 0x4006'EC00: an unlock register (0x9375 toggles the lock).
  registers::ReadWrite<std::uint32_t> unlock;
  registers::Reserved<0x14 - 0x04> reserved0;
  /// 0x4006'EC14: erratum 171 writes 0xC0 before ENABLE, 0 after READY.
  registers::ReadWrite<std::uint32_t> erratum171;
  registers::Reserved<0x114 - 0x18> reserved1;
  /// 0x4006'ED14: erratum 187 writes 3 before ENABLE, 0 after READY.
  registers::ReadWrite<std::uint32_t> erratum187;
};

static_assert(offsetof(UsbdErrataRegisters, erratum171) == 0x14);
static_assert(offsetof(UsbdErrataRegisters, erratum187) == 0x114);

} // namespace chips::nrf52840

#endif // CHIPS_NRF52840_USBD_REGISTERS_H
