// RUN: %check-rule %s leash-lease-raw-address
// The raw address kept anywhere but in a hardware register: a member, a
// global, a static, an object, a lambda, a return value, another function.
#include "Inputs/keeps-address.h"

#include <utility>

std::uint8_t *last_pointer = nullptr;
// CHECK-MESSAGES: {{.*}}keeps-address.h:7:32: warning: raw address of a lease stored in 'header_last_pointer'; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]

void remember(const std::uint8_t *pointer);

struct Descriptor {
  std::uint8_t *pointer;
  std::uint32_t count;
};

class Uarte {
public:
  explicit Uarte(DmaRegisters &registers) : registers_(registers) {}

  // The driver keeps the DMA pointer in a member after starting.
  LEASH_UNSAFE("the lease stays in flight until the end event")
  void start(Bytes &buffer) {
    registers_.pointer.set(ADDRESS_OF(buffer));
    dma_pointer_ = buffer.raw_data();
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: raw address of a lease stored in member 'dma_pointer_'; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    dma_address_ = reinterpret_cast<std::uintptr_t>(buffer.raw_data()) + 1;
    // CHECK-MESSAGES: :[[@LINE-1]]:60: warning: raw address of a lease stored in member 'dma_address_'; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    registers_.start.set(1);
  }

  LEASH_UNSAFE("test")
  void elsewhere(Bytes &buffer) {
    last_pointer = buffer.raw_data();
    // CHECK-MESSAGES: :[[@LINE-1]]:27: warning: raw address of a lease stored in 'last_pointer'; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    static std::uint8_t *kept = buffer.raw_data();
    // CHECK-MESSAGES: :[[@LINE-1]]:40: warning: raw address of a lease stored in 'kept'; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    remember(buffer.raw_data());
    // CHECK-MESSAGES: :[[@LINE-1]]:21: warning: raw address of a lease passed to 'remember', which may keep it; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    Descriptor descriptor{buffer.raw_data(), 4};
    // CHECK-MESSAGES: :[[@LINE-1]]:34: warning: raw address of a lease stored in an object; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    auto later = [pointer = buffer.raw_data()] { remember(pointer); };
    // CHECK-MESSAGES: :[[@LINE-1]]:36: warning: raw address of a lease captured by a lambda; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
    later();
    remember(descriptor.pointer);
    header_remember(buffer);
  }

  LEASH_UNSAFE("test")
  std::uint8_t *address(Bytes &buffer) {
    return buffer.raw_data();
    // CHECK-MESSAGES: :[[@LINE-1]]:19: warning: raw address of a lease returned; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
  }

private:
  DmaRegisters &registers_;
  std::uint8_t *dma_pointer_ = nullptr;
  std::uintptr_t dma_address_ = 0;
};

int main() {
  static DmaRegisters registers{};
  static std::uint8_t storage[4];
  static Bytes buffer = Bytes::from(storage);
  Uarte uarte(registers);
  uarte.start(buffer);
  uarte.elsewhere(buffer);
  return uarte.address(buffer) != nullptr;
}
