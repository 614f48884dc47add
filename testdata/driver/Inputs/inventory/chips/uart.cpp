// A chip driver with one unsafe function, one unsafe API and one unsafe block.
#include <leash/annotations.h>

#include <cstdint>

LEASH_UNSAFE_API volatile std::uint32_t *uart_data_register();

LEASH_UNSAFE("the UART's data register is at a fixed address")
void uart_write(std::uint32_t value) { *uart_data_register() = value; }

std::uint32_t uart_read() {
  LEASH_UNSAFE_BLOCK("reading the data register has no side effect") {
    return *uart_data_register();
  }
  return 0;
}
