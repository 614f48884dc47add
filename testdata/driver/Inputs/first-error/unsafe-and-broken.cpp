// A finding in code that parses, in a unit that does not compile: the unit
// contributes its compiler error and nothing else.
#include <cstdint>

std::uintptr_t address(int *pointer) {
  return reinterpret_cast<std::uintptr_t>(pointer);
}

int broken( {
