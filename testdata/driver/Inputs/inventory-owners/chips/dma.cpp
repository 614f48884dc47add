// Unsafe blocks in a constructor, a member function and a lambda: the
// inventory names the function each is in.
#include <leash/annotations.h>

#include <cstdint>

LEASH_UNSAFE_API volatile std::uint32_t *dma_register();

class Dma {
public:
  Dma() {
    LEASH_UNSAFE_BLOCK("the constructor claims the channel once") {
      *dma_register() = 0;
    }
  }
  void start(std::uint32_t address) const {
    LEASH_UNSAFE_BLOCK("the address goes to the channel and nowhere else") {
      *dma_register() = address;
    }
  }
};

template <typename F> void with_channel(F &&f) { f(); }

void stop() {
  with_channel([] {
    LEASH_UNSAFE_BLOCK("clearing the channel stops it") {
      *dma_register() = 0;
    }
  });
}
