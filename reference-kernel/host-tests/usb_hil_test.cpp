/// Tests of the USB HIL's endpoint addresses.
#include "kernel/hil/usb.h"

#include <gtest/gtest.h>

namespace {

using kernel::hil::usb::Direction;
using kernel::hil::usb::Endpoint;

TEST(UsbHilTest, EndpointAddressesRoundTrip) {
  EXPECT_EQ((Endpoint{1, Direction::in}).address(), 0x81);
  EXPECT_EQ((Endpoint{2, Direction::out}).address(), 0x02);
  EXPECT_EQ(Endpoint::from_address(0x83), (Endpoint{3, Direction::in}));
  EXPECT_EQ(Endpoint::from_address(0x0F), (Endpoint{15, Direction::out}));
  // Reserved bits 4..6 do not change the endpoint.
  EXPECT_EQ(Endpoint::from_address(0xF1), (Endpoint{1, Direction::in}));
  for (unsigned address = 0; address < 0x100; ++address) {
    const Endpoint endpoint =
        Endpoint::from_address(static_cast<std::uint8_t>(address));
    EXPECT_EQ(endpoint.address(), address & 0x8F);
  }
}

} // namespace
