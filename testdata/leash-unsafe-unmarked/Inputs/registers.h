// A header with unsafe code of its own, marked and unmarked.
#include <leash/annotations.h>

#include <cstdint>

inline std::uint32_t read_status(std::uintptr_t address) {
  return *reinterpret_cast<volatile std::uint32_t *>(address);
}

LEASH_UNSAFE("the address is a device register")
inline void write_control(std::uintptr_t address, std::uint32_t value) {
  *reinterpret_cast<volatile std::uint32_t *>(address) = value;
}
