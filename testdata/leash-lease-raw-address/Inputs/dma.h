// A tock-registers-style register and a DMA engine's register block.
#ifndef DMA_H
#define DMA_H

#include <leash/annotations.h>
#include <leash/lease.h>

#include <cstdint>

template <typename T> class Register {
public:
  void set(T value) { value_ = value; }
  T get() const { return value_; }

private:
  volatile T value_;
};

struct DmaRegisters {
  Register<std::uintptr_t> pointer;
  Register<std::uint32_t> count;
  Register<std::uint32_t> start;
};

/// Writes a register through a volatile reference, as a register library's
/// access layer does.
inline void store(volatile std::uintptr_t &location, std::uintptr_t value) {
  location = value;
}

using Bytes = leash::Lease<std::uint8_t>;

#define ADDRESS_OF(lease) reinterpret_cast<std::uintptr_t>((lease).raw_data())

#endif
