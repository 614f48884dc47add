/// spin: says so once, then spins forever without a system call. Time
/// slices take the processor back from it.
#include "console.h"

#include <cstdint>

int main() {
  user::console::write_line("spin: spinning forever");
  volatile std::uint32_t turns = 0;
  while (true) {
    turns = turns + 1;
  }
}
