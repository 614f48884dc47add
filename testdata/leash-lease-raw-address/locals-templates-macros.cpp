// RUN: %check-rule %s leash-lease-raw-address
// A local that is used other than to write a register is reported at the
// address, with a note at the use; templates once; macros at their use.
#include "Inputs/dma.h"

void remember(std::uintptr_t address);
std::uintptr_t saved = 0;

LEASH_UNSAFE("test")
void local_kept(DmaRegisters &registers, Bytes &buffer) {
  const std::uintptr_t address =
      reinterpret_cast<std::uintptr_t>(buffer.raw_data());
  // CHECK-MESSAGES: :[[@LINE-1]]:47: warning: raw address of a lease stored in local 'address', which is used other than to write a hardware register; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
  registers.pointer.set(address);
  saved = address;
  // CHECK-MESSAGES: :[[@LINE-1]]:11: note: used here
}

LEASH_UNSAFE("test")
void local_chain(DmaRegisters &registers, Bytes &buffer) {
  // Copied into a second local that is only written to a register: fine.
  std::uint8_t *first = buffer.raw_data();
  std::uint8_t *second = first;
  registers.pointer.set(reinterpret_cast<std::uintptr_t>(second));
}

template <typename T> struct Engine {
  LEASH_UNSAFE("test")
  void start(DmaRegisters &registers, leash::Lease<T> &buffer) {
    registers.pointer.set(reinterpret_cast<std::uintptr_t>(buffer.raw_data()));
    pointer_ = buffer.raw_data();
    // CHECK-MESSAGES: :[[@LINE-1]]:23: warning: raw address of a lease stored in member 'pointer_'; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
  }
  T *pointer_ = nullptr;
};

LEASH_UNSAFE("test")
void from_macro(DmaRegisters &registers, Bytes &buffer) {
  registers.pointer.set(ADDRESS_OF(buffer));
  remember(ADDRESS_OF(buffer));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: raw address of a lease passed to 'remember', which may keep it; the raw alias must not outlive the statement that gives it to the hardware [leash-lease-raw-address]
}

int main() {
  static DmaRegisters registers{};
  static std::uint8_t bytes[4];
  static std::uint16_t words[4];
  static Bytes byte_lease = Bytes::from(bytes);
  static leash::Lease<std::uint16_t> word_lease =
      leash::Lease<std::uint16_t>::from(words);
  local_kept(registers, byte_lease);
  local_chain(registers, byte_lease);
  from_macro(registers, byte_lease);
  Engine<std::uint8_t>().start(registers, byte_lease);
  Engine<std::uint16_t>().start(registers, word_lease);
  return 0;
}
