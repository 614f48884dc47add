// RUN: %check-rule %s leash-lease-raw-address
// Not reported: the raw address going straight into a hardware register, or
// into a local that is only written to registers.
#include "Inputs/dma.h"

struct RawDma {
  volatile std::uintptr_t pointer;
  volatile std::uint32_t count;
};

LEASH_UNSAFE_API void program_engine(std::uint8_t *pointer, std::uint32_t n);

LEASH_UNSAFE("the lease is in flight until the end event")
void start(DmaRegisters &registers, RawDma &raw, Bytes &buffer, bool second) {
  // A register's set, through casts and address arithmetic.
  registers.pointer.set(reinterpret_cast<std::uintptr_t>(buffer.raw_data()));
  registers.pointer.set(reinterpret_cast<std::uintptr_t>(buffer.raw_data() + 1));
  // A volatile member, and a volatile reference parameter.
  raw.pointer = reinterpret_cast<std::uintptr_t>(buffer.raw_data());
  store(raw.pointer, reinterpret_cast<std::uintptr_t>(buffer.raw_data()));
  // A local written only to registers, also after an assignment.
  const std::uintptr_t address =
      reinterpret_cast<std::uintptr_t>(buffer.raw_data());
  registers.pointer.set(address);
  raw.pointer = address;
  std::uint8_t *pointer = nullptr;
  pointer = buffer.raw_data();
  registers.pointer.set(reinterpret_cast<std::uintptr_t>(pointer));
  // A conditional, a comparison, a LEASH_UNSAFE_API function.
  registers.pointer.set(second ? ADDRESS_OF(buffer) : 0);
  if (buffer.raw_data() != nullptr)
    program_engine(buffer.raw_data(), 4);
  // Not a raw address: the size.
  registers.count.set(static_cast<std::uint32_t>(buffer.size()));
}

int main() {
  static DmaRegisters registers{};
  static RawDma raw{};
  static std::uint8_t storage[4];
  static Bytes buffer = Bytes::from(storage);
  start(registers, raw, buffer, true);
  return 0;
}
