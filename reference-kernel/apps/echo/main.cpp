/// echo: reads lines from its console and writes each back, prefixed
/// "echo: ". It reads a byte at a time (the UART holds what comes while no
/// read runs), so a line ends at its newline however the bytes arrive.
#include "console.h"

#include <cstdint>
#include <string_view>

int main() {
  char line[64] = {};
  std::uint32_t length = 0;
  for (;;) {
    char character = 0;
    const user::console::ReadResult read = user::console::read(&character, 1);
    if (!read.ok()) {
      (user::console::Line() << "echo: read failed, status " << read.status)
          .write();
      return 1;
    }
    if (read.count == 0 || character == '\r') {
      continue;
    }
    if (character != '\n' && length < sizeof line) {
      line[length++] = character;
      continue;
    }
    (user::console::Line() << "echo: " << std::string_view(line, length))
        .write();
    length = 0;
  }
}
