/// The memory functions' test: every length and alignment, and the bytes
/// around the range left alone.
#include "boards/qemu-mps2-an386/tests/memory_functions_test.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace boards::qemu_mps2_an386::tests {
namespace {

/// The longest range tried, and the offsets where ranges start (past a
/// margin of untouched bytes, at each alignment).
constexpr std::size_t longest = 40;
/// See `longest`.
constexpr std::size_t margin = 8;

/// A buffer with room for a range at every offset, and margins.
using Buffer = std::array<std::uint8_t, margin + 4 + longest + margin>;

/// The byte that starts at `index` of a buffer marked with `seed`.
constexpr std::uint8_t mark(std::size_t index, std::uint8_t seed) {
  return static_cast<std::uint8_t>(index * 7 + seed);
}

/// `buffer` marked with `seed`.
void fill_marks(Buffer &buffer, std::uint8_t seed) {
  for (std::size_t index = 0; index < buffer.size(); ++index) {
    buffer[index] = mark(index, seed);
  }
}

/// Whether filling `length` bytes at `offset` changes exactly them.
bool fill_is_exact(std::size_t offset, std::size_t length) {
  // Called through a volatile pointer, so that the compiler cannot expand
  // the call into its own inline code: the test reaches the image's memset.
  void *(*volatile fill_bytes)(void *, int, std::size_t) = std::memset;
  Buffer buffer{};
  fill_marks(buffer, 1);
  LEASH_UNSAFE_BLOCK("the range lies inside `buffer`: offset + length is at "
                     "most its size less the margin") {
    fill_bytes(buffer.data() + offset, 0xA5, length);
  }
  for (std::size_t index = 0; index < buffer.size(); ++index) {
    const bool inside = index >= offset && index < offset + length;
    if (buffer[index] != (inside ? 0xA5 : mark(index, 1))) {
      return false;
    }
  }
  return true;
}

/// Whether copying (or, with `overlapping`, moving within one buffer)
/// `length` bytes from `from` to `to` gives exactly the source's bytes.
bool copy_is_exact(std::size_t from, std::size_t to, std::size_t length,
                   bool overlapping) {
  // Through volatile pointers, as in `fill_is_exact`.
  void *(*volatile copy_bytes)(void *, const void *, std::size_t) = std::memcpy;
  void *(*volatile move_bytes)(void *, const void *, std::size_t) =
      std::memmove;
  Buffer source{};
  Buffer destination{};
  fill_marks(source, 2);
  fill_marks(destination, 3);
  if (overlapping) {
    destination = source;
  }
  LEASH_UNSAFE_BLOCK("both ranges lie inside their buffers: each offset + "
                     "length is at most a buffer's size less the margin") {
    if (overlapping) {
      move_bytes(destination.data() + to, destination.data() + from, length);
    } else {
      copy_bytes(destination.data() + to, source.data() + from, length);
    }
  }
  for (std::size_t index = 0; index < destination.size(); ++index) {
    const bool inside = index >= to && index < to + length;
    const std::uint8_t expected =
        inside ? mark(index - to + from, 2) : mark(index, overlapping ? 2 : 3);
    if (destination[index] != expected) {
      return false;
    }
  }
  return true;
}

} // namespace

void MemoryFunctionsTest::start(const TestReporter &reporter) const {
  bool passed = true;
  for (std::size_t length = 0; length <= longest; ++length) {
    for (std::size_t to = margin; to < margin + 4; ++to) {
      passed = passed && fill_is_exact(to, length);
      for (std::size_t from = margin; from < margin + 4; ++from) {
        passed = passed && copy_is_exact(from, to, length, false) &&
                 copy_is_exact(from, to, length, true);
      }
    }
  }
  reporter.finished(*this, passed,
                    "a copy, move or fill changed a byte it should not have, "
                    "or missed one");
}

} // namespace boards::qemu_mps2_an386::tests
